#include <doctest/doctest.h>

#include "mqbench/plan.hpp"

using namespace mq::mqbench;

namespace {

Options options_for(std::string mode) {
  Options options;
  options.mode = std::move(mode);
  options.count = 100;
  return options;
}

PlanError refusal(const Options& options) {
  const auto plan = make_plan(options, "mqbench/1/%i");
  REQUIRE_FALSE(plan);
  return plan.error();
}

}  // namespace

TEST_CASE("mqbench::plan: impossible combinations are refused with the option to fix") {
  auto small = options_for("pub");
  small.size = 16;
  CHECK(refusal(small) ==
        PlanError{"--size 16", "smaller than the 32-byte header every mqbench payload starts with"});

  auto nobody = options_for("pub");
  nobody.clients = 0;
  CHECK(refusal(nobody) == PlanError{"--clients 0", "at least one client is needed"});

  auto both = options_for("pub");
  both.rate = "100";
  both.interval = "10ms";
  CHECK(refusal(both) ==
        PlanError{"--rate and --interval",
                  "give one: --rate is the total over all publishers, --interval per publisher"});

  auto endless = options_for("pubsub");
  endless.count.reset();
  CHECK(refusal(endless) ==
        PlanError{"--count or --duration", "pubsub needs one of them to know when to stop"});

  auto bad_rate = options_for("pub");
  bad_rate.rate = "fast";
  CHECK(refusal(bad_rate) == PlanError{"--rate fast", "'fast' is not a rate (use N, N/s, N/m or N/h)"});

  auto bad_topic = options_for("pub");
  bad_topic.topic = "a/%q";
  CHECK(refusal(bad_topic) == PlanError{"-t 'a/%q'", "unknown escape %q (use %i, %c or %%)"});

  auto wildcard = options_for("pub");
  wildcard.topic = "a/+";
  CHECK(refusal(wildcard) == PlanError{"-t 'a/+'", "wildcards are for --sub-topic, not publishing"});

  auto zero = options_for("ping");
  zero.count = 0;
  CHECK(refusal(zero) == PlanError{"--count 0", "count at least one message (or leave --count out)"});

  auto conn = options_for("conn");
  CHECK(refusal(conn) == PlanError{"--count/--rate/--interval", "conn mode sends no messages (see --hold)"});
}

TEST_CASE("mqbench::plan: pubsub defaults") {
  auto options = options_for("pubsub");
  options.clients = 3;
  options.subscribers = 2;
  options.rate = "600/m";
  const auto plan = make_plan(options, "mqbench/1/%i");
  REQUIRE(plan);
  CHECK(plan->topic_template == "mqbench/1/%i");
  CHECK(plan->filter_template == "mqbench/1/+");
  CHECK(plan->publishers == 3);
  CHECK(plan->subscribers == 2);
  CHECK(*plan->rate == doctest::Approx(10.0));
  CHECK(plan->schedule_for(1).interval == std::chrono::milliseconds(300));
  CHECK_FALSE(plan->shared_subscription);

  options.subscribe_topic = "$share/g/mqbench/1/+";
  CHECK(make_plan(options, "x/%i")->shared_subscription);
}

TEST_CASE("mqbench::plan: parse_rate") {
  CHECK(*parse_rate("250") == doctest::Approx(250));
  CHECK(*parse_rate("120/m") == doctest::Approx(2));
  CHECK(*parse_rate("7200/h") == doctest::Approx(2));
  CHECK(parse_rate("0").error() == "a rate must be more than 0");
  CHECK(parse_rate("5/d").error() == "'5/d' is not a rate (use N, N/s, N/m or N/h)");
  CHECK(parse_rate("").error() == "'' is not a rate (use N, N/s, N/m or N/h)");
}

TEST_CASE("mqbench::plan: conn shards over one worker per 500 connections") {
  auto options = options_for("conn");
  options.count.reset();
  options.clients = 1001;
  CHECK(make_plan(options, "x/%i")->workers == 3);
  options.clients = 20;
  CHECK(make_plan(options, "x/%i")->workers == 1);
  options.workers = 50;
  CHECK(make_plan(options, "x/%i")->workers == 20);  // never more workers than connections
}

TEST_CASE("mqbench::plan: pub, sub and pubsub shard their clients over one worker per 500") {
  auto pub = options_for("pub");
  pub.clients = 1200;
  CHECK(make_plan(pub, "x/%i")->workers == 3);
  pub.workers = 2;
  CHECK(make_plan(pub, "x/%i")->workers == 2);

  auto pubsub = options_for("pubsub");
  pubsub.clients = 400;
  pubsub.subscribers = 200;
  CHECK(make_plan(pubsub, "x/%i")->workers == 2);  // 600 clients in all
  pubsub.clients = 1;
  pubsub.subscribers = 1;
  pubsub.workers = 8;
  CHECK(make_plan(pubsub, "x/%i")->workers == 1);  // never more workers than the larger side

  auto shared = options_for("pubsub");
  shared.clients = 4;
  shared.subscribers = 2;
  shared.workers = 2;
  shared.subscribe_topic = "$share/g/x/+";
  CHECK(refusal(shared) ==
        PlanError{"--sub-topic '$share/g/x/+'",
                  "a $share group's stream cannot be counted across 2 worker processes (add --workers 1)"});

  auto ping = options_for("ping");
  ping.workers = 2;
  CHECK(refusal(ping) == PlanError{"--workers 2", "ping runs in one process (leave --workers out)"});
}

TEST_CASE("mqbench::plan: --shard offsets this copy's publishers and subscribers") {
  auto pubsub = options_for("pubsub");
  pubsub.clients = 3;
  pubsub.subscribers = 2;
  pubsub.shard = "2/4";
  auto plan = make_plan(pubsub, "mqbench/1/%i");
  REQUIRE(plan);
  CHECK(plan->shard == Shard{2, 4});
  CHECK(plan->first_publisher == 6);
  CHECK(plan->first_subscriber == 4);
  // Every copy's default topic is the same, so their subscribers hear each other's publishers.
  CHECK(plan->topic_template == "mqbench/shards/%i");
  CHECK(plan->filter_template == "mqbench/shards/+");

  auto indexed = options_for("conn");
  indexed.count.reset();
  indexed.clients = 100;
  indexed.shard_count = 3;
  plan = make_plan(indexed, "x/%i", "1");
  REQUIRE(plan);
  CHECK(plan->first_publisher == 100);
  CHECK(plan->shard == Shard{1, 3});

  auto sub = options_for("sub");
  sub.count.reset();
  sub.clients = 5;
  sub.shard = "1/2";
  plan = make_plan(sub, "x/%i");
  REQUIRE(plan);
  CHECK(plan->first_subscriber == 5);

  auto unsharded = options_for("pub");
  plan = make_plan(unsharded, "mqbench/1/%i", "7");  // an indexed job that does not shard mqbench
  REQUIRE(plan);
  CHECK(plan->shard == Shard{0, 1});
  CHECK(plan->first_publisher == 0);
  CHECK(plan->topic_template == "mqbench/1/%i");
}

TEST_CASE("mqbench::plan: --shard refusals") {
  auto bad = options_for("pub");
  bad.shard = "2/2";
  CHECK(refusal(bad) == PlanError{"--shard 2/2", "no copy 2 of 2: copies are numbered 0 to 1",
                                  "e.g. --shard 0/4 for the first of four copies"});

  auto disagreeing = options_for("pub");
  disagreeing.shard = "0/2";
  const auto plan = make_plan(disagreeing, "x/%i", "1");
  REQUIRE_FALSE(plan);
  CHECK(plan.error() ==
        PlanError{"--shard 0/2", "JOB_COMPLETION_INDEX says this is copy 1",
                  "in an indexed job give --shard-count alone, or unset JOB_COMPLETION_INDEX"});

  auto ping = options_for("ping");
  ping.shard = "0/2";
  CHECK(refusal(ping) == PlanError{"--shard 0/2", "ping runs as one copy", "leave the shard out"});

  auto merge = options_for("merge");
  merge.count.reset();
  merge.shard_count = 2;
  merge.reports = {"a.json"};
  CHECK(refusal(merge) ==
        PlanError{"--shard-count 2", "merge runs once over every copy's report", "leave the shard out"});

  auto shared = options_for("pubsub");
  shared.shard = "0/2";
  shared.subscribe_topic = "$share/g/x/+";
  CHECK(refusal(shared) == PlanError{"--sub-topic '$share/g/x/+'",
                                     "a $share group's stream cannot be counted across 2 copies",
                                     "leave the shard out"});

  auto too_many = options_for("pub");
  too_many.clients = 2'000'000'000;
  too_many.shard = "0/3";
  CHECK(refusal(too_many) == PlanError{"--shard 0/3",
                                       "3 copies of 2000000000 clients need more than 2^32 client indexes",
                                       "use fewer copies or clients"});
}
