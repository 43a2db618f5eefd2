#include "mqsub/mqsub.hpp"

int main(int argc, char** argv) { return mq::mqsub::main(argc, argv); }
