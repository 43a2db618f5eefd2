#pragma once

namespace mq::mqpub {

struct PahoEngine;

// `paho` is null in the executable built without Paho (see paho_engine.hpp).
int main(int argc, char** argv, const PahoEngine* paho);

}  // namespace mq::mqpub
