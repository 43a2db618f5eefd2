#pragma once

namespace mq::mqbench {

int main(int argc, char** argv);

}  // namespace mq::mqbench
