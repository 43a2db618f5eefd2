#pragma once

namespace mq::mqpub {

struct PahoEngine;

// `paho` is null in the executable built without Paho (see paho_engine.hpp); `handed_over` when mqpub started
// mqpub-paho for this run.
int main(int argc, char** argv, const PahoEngine* paho, bool handed_over = false);

}  // namespace mq::mqpub
