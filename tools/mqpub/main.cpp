#include "mqpub/mqpub.hpp"

// mqpub without Paho: plain TCP through mq::wire; anything else is handed to mqpub-paho.
int main(int argc, char** argv) { return mq::mqpub::main(argc, argv, nullptr); }
