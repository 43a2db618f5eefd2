#include "mqbench/mqbench.hpp"

int main(int argc, char** argv) { return mq::mqbench::main(argc, argv); }
