#pragma once

namespace mq::mqpub {

int main(int argc, char** argv);

}  // namespace mq::mqpub
