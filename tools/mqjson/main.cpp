#include "mqjson/mqjson.hpp"
int main(int argc, char** argv) { return mq::mqjson::main(argc, argv); }
