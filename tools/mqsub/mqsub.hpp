#pragma once

namespace mq::mqsub {

int main(int argc, char** argv);

}  // namespace mq::mqsub
