#include "mqpub/mqpub.hpp"

int main(int argc, char** argv) { return mq::mqpub::main(argc, argv); }
