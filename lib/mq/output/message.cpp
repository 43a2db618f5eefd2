#include "mq/output/message.hpp"
