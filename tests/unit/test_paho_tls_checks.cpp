#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "mq/core/exit_status.hpp"
#include "mq/paho/tls_checks.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using mq::Error;
using mq::paho::check_tls_files;
using mq::paho::diagnose_tls_failure;

struct TempDir {
  fs::path path;
  TempDir() {
    char pattern[] = "/tmp/mq-test-tls-XXXXXX";
    path = ::mkdtemp(pattern);
  }
  ~TempDir() { fs::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path / name).string(); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return file(name);
  }
};

void run(const std::string& command) {
  INFO(command);
  REQUIRE(std::system((command + " >/dev/null 2>&1").c_str()) == 0);
}

// Certificates made with the openssl command at test time: EC keys, so each step takes milliseconds.
struct Pki {
  TempDir dir;

  // A self-signed CA named `name`: writes name.pem and name.key.
  std::string make_ca(const std::string& name) const {
    run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " +
        dir.file(name + ".key") + " -out " + dir.file(name + ".pem") + " -subj /CN=" + name + " -days 2");
    return dir.file(name + ".pem");
  }
  // A certificate for `common_name` with the given SANs, signed by `ca`: writes name.pem and name.key.
  // Negative days give a certificate that has already expired.
  std::string make_leaf(const std::string& name, const std::string& ca, const std::string& common_name,
                        const std::string& alt_names, int days = 2) const {
    const std::string extensions =
        dir.write(name + ".ext", alt_names.empty() ? "" : "subjectAltName=" + alt_names + "\n");
    run("openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout " + dir.file(name + ".key") +
        " -out " + dir.file(name + ".csr") + " -subj /CN=" + common_name);
    run("openssl x509 -req -in " + dir.file(name + ".csr") + " -CA " + dir.file(ca + ".pem") + " -CAkey " +
        dir.file(ca + ".key") + " -CAcreateserial -out " + dir.file(name + ".pem") + " -days " +
        std::to_string(days) + " -extfile " + extensions);
    return dir.file(name + ".pem");
  }
  std::string key(const std::string& name) const { return dir.file(name + ".key"); }
  std::string cert(const std::string& name) const { return dir.file(name + ".pem"); }
};

std::uint16_t free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

bool accepts_connections(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  ::close(fd);
  return connected;
}

// `openssl s_server -www` on a free 127.0.0.1 port, stopped by its PID when the test ends.
class TlsServer {
 public:
  TlsServer(const std::string& cert, const std::string& key, std::vector<std::string> extra)
      : port_(free_port()) {
    std::vector<std::string> words{
        "openssl", "s_server", "-quiet", "-www", "-accept", "127.0.0.1:" + std::to_string(port_),
        "-cert",   cert,       "-key",   key};
    words.insert(words.end(), extra.begin(), extra.end());
    std::vector<char*> argv;
    for (auto& word : words) argv.push_back(word.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    // An earlier test's SignalWatcher blocks SIGTERM and SIGINT in this process; the server must not
    // inherit that mask.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t no_signals;
    sigemptyset(&no_signals);
    posix_spawnattr_setsigmask(&attributes, &no_signals);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK);
    const int spawned = posix_spawnp(&pid_, "openssl", &actions, &attributes, argv.data(), environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(spawned == 0);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (!accepts_connections(port_) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(accepts_connections(port_));
  }
  ~TlsServer() {
    ::kill(pid_, SIGKILL);  // nothing to shut down cleanly, and a kill that cannot be ignored never hangs here
    ::waitpid(pid_, nullptr, 0);
  }
  TlsServer(const TlsServer&) = delete;
  TlsServer& operator=(const TlsServer&) = delete;
  std::uint16_t port() const { return port_; }

 private:
  std::uint16_t port_;
  pid_t pid_ = -1;
};

// A plain TCP listener that answers one connection with text that is not TLS, as a plain port would.
class PlainServer {
 public:
  PlainServer() : listener_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
    socklen_t length = sizeof(address);
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    ::listen(listener_, 4);
    answering_ = std::thread([this] {
      const int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) return;
      const std::string answer = "this is not TLS\r\n";
      (void)::write(client, answer.data(), answer.size());
      ::close(client);
    });
  }
  ~PlainServer() {
    ::shutdown(listener_, SHUT_RDWR);
    answering_.join();
    ::close(listener_);
  }
  PlainServer(const PlainServer&) = delete;
  PlainServer& operator=(const PlainServer&) = delete;
  std::uint16_t port() const { return port_; }

 private:
  int listener_;
  std::uint16_t port_ = 0;
  std::thread answering_;
};

mq::ResolvedConnection tls_connection(std::uint16_t port, const std::string& cafile) {
  mq::ResolvedConnection connection;
  connection.transport = mq::Transport::tls;
  connection.host = "localhost";
  connection.port = port;
  connection.tls.cafile = cafile;
  connection.connect_timeout = std::chrono::seconds(3);
  return connection;
}

Error file_error(const mq::TlsOptions& tls) {
  try {
    check_tls_files(tls);
  } catch (const Error& error) {
    return error;
  }
  FAIL("check_tls_files accepted the files");
  return Error(0, "", "");
}

}  // namespace

TEST_CASE("paho::check_tls_files") {
  Pki pki;
  const auto ca = pki.make_ca("ca");
  pki.make_leaf("client", "ca", "client", "");
  pki.make_leaf("other", "ca", "other", "");
  const auto garbage = pki.dir.write("garbage.pem", "hello, not a certificate\n");

  SUBCASE("good CA, certificate and key pass") {
    mq::TlsOptions tls;
    tls.cafile = ca;
    tls.capath = pki.dir.path.string();
    tls.cert = pki.cert("client");
    tls.key = pki.key("client");
    CHECK_NOTHROW(check_tls_files(tls));
  }
  SUBCASE("no files: nothing to check") {
    CHECK_NOTHROW(check_tls_files(mq::TlsOptions{}));
  }
  SUBCASE("a CA file that is not PEM") {
    mq::TlsOptions tls;
    tls.cafile = garbage;
    const auto error = file_error(tls);
    CHECK(error.exit_code() == mq::exit_status::tls_failure);
    CHECK(error.what_failed() == "--cafile " + garbage);
    CHECK(error.why() == "not a PEM certificate (no start line)");
    CHECK(error.hint() == "give the CA certificate in PEM form (-----BEGIN CERTIFICATE-----)");
  }
  SUBCASE("a CA file holding only a key") {
    mq::TlsOptions tls;
    tls.cafile = pki.key("ca");
    CHECK(file_error(tls).why() == "not a PEM certificate (no start line)");
  }
  SUBCASE("a missing CA file") {
    mq::TlsOptions tls;
    tls.cafile = pki.dir.file("missing.pem");
    const auto error = file_error(tls);
    CHECK(error.what_failed() == "--cafile " + pki.dir.file("missing.pem"));
    CHECK(error.why() == "cannot be read: no such file or directory");
    CHECK(error.hint() == "check the path and its permissions");
  }
  SUBCASE("a CA path that is a file") {
    mq::TlsOptions tls;
    tls.capath = ca;
    const auto error = file_error(tls);
    CHECK(error.exit_code() == mq::exit_status::tls_failure);
    CHECK(error.what_failed() == "--capath " + ca);
    CHECK(error.why() == "not a directory");
  }
  SUBCASE("a certificate that is not PEM") {
    mq::TlsOptions tls;
    tls.cert = garbage;
    tls.key = pki.key("client");
    const auto error = file_error(tls);
    CHECK(error.what_failed() == "--cert " + garbage);
    CHECK(error.why() == "not a PEM certificate (no start line)");
  }
  SUBCASE("an expired client certificate") {
    pki.make_leaf("expired", "ca", "expired", "", -1);
    mq::TlsOptions tls;
    tls.cert = pki.cert("expired");
    tls.key = pki.key("expired");
    const auto error = file_error(tls);
    CHECK(error.exit_code() == mq::exit_status::tls_failure);
    CHECK(error.what_failed() == "--cert " + pki.cert("expired"));
    CHECK(error.why().starts_with("the certificate has expired ("));
    CHECK(error.why().ends_with(" GMT)"));
    CHECK(error.hint() == "renew the client certificate");
  }
  SUBCASE("a key that is not PEM") {
    mq::TlsOptions tls;
    tls.cert = pki.cert("client");
    tls.key = garbage;
    const auto error = file_error(tls);
    CHECK(error.what_failed() == "--key " + garbage);
    CHECK(error.why() == "not a PEM private key (no start line)");
    CHECK(error.hint() == "give the private key in PEM form (-----BEGIN PRIVATE KEY-----)");
  }
  SUBCASE("a certificate given as the key") {
    mq::TlsOptions tls;
    tls.cert = pki.cert("client");
    tls.key = pki.cert("client");
    CHECK(file_error(tls).why() == "not a PEM private key (the file holds a CERTIFICATE)");
  }
  SUBCASE("a key that belongs to another certificate") {
    mq::TlsOptions tls;
    tls.cert = pki.cert("client");
    tls.key = pki.key("other");
    const auto error = file_error(tls);
    CHECK(error.exit_code() == mq::exit_status::tls_failure);
    CHECK(error.what_failed() == "--key " + pki.key("other"));
    CHECK(error.why() == "the key does not match the certificate given with --cert");
    CHECK(error.hint() == "give the key that belongs to the --cert certificate");
  }
  SUBCASE("an encrypted key") {
    const auto encrypted = pki.dir.file("encrypted.key");
    run("openssl pkey -in " + pki.key("client") + " -aes-128-cbc -passout pass:secret -out " + encrypted);
    mq::TlsOptions tls;
    tls.cert = pki.cert("client");
    tls.key = encrypted;
    const auto error = file_error(tls);
    CHECK(error.what_failed() == "--key " + encrypted);
    CHECK(error.why() == "the key is encrypted, and encrypted keys are not supported");
    CHECK(error.hint() == "decrypt it with: openssl pkey -in KEY -out PLAIN_KEY");
  }
}

TEST_CASE("paho::diagnose_tls_failure") {
  Pki pki;
  const auto ca = pki.make_ca("ca");
  pki.make_ca("stranger");
  pki.make_leaf("server", "ca", "localhost", "DNS:localhost,IP:127.0.0.1");

  SUBCASE("successful handshakes have nothing to explain") {
    pki.make_leaf("wrong-name", "ca", "wrong.example", "DNS:wrong.example");
    pki.make_leaf("client", "ca", "client", "");
    const TlsServer plain_server(pki.cert("server"), pki.key("server"), {});
    const TlsServer wrong_name_server(pki.cert("wrong-name"), pki.key("wrong-name"), {});
    const TlsServer client_cert_server(pki.cert("server"), pki.key("server"),
                                       {"-Verify", "1", "-CAfile", ca, "-verify_return_error"});
    auto by_name = tls_connection(plain_server.port(), ca);
    auto by_address = by_name;  // checked against the certificate's IP SAN
    by_address.host = "127.0.0.1";
    auto insecure = tls_connection(wrong_name_server.port(), ca);
    insecure.tls.insecure = true;
    auto with_client_cert = tls_connection(client_cert_server.port(), ca);
    with_client_cert.tls.cert = pki.cert("client");
    with_client_cert.tls.key = pki.key("client");
    // Each success waits out the post-handshake read, so they run side by side.
    std::vector<std::future<std::optional<Error>>> outcomes;
    for (const auto* connection : {&by_name, &by_address, &insecure, &with_client_cert})
      outcomes.push_back(
          std::async(std::launch::async, [connection] { return diagnose_tls_failure(*connection); }));
    const char* names[] = {"by name", "by address", "--insecure with a wrong name",
                           "with a client certificate"};
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      CAPTURE(names[i]);
      const auto outcome = outcomes[i].get();
      CHECK_MESSAGE(!outcome.has_value(), (outcome ? std::string(outcome->what()) : std::string()));
    }
  }
  SUBCASE("a certificate for another name") {
    pki.make_leaf("wrong-name", "ca", "wrong.example", "DNS:wrong.example");
    const TlsServer server(pki.cert("wrong-name"), pki.key("wrong-name"), {});
    const auto error = diagnose_tls_failure(tls_connection(server.port(), ca));
    REQUIRE(error.has_value());
    CHECK(error->exit_code() == mq::exit_status::tls_failure);
    CHECK(error->what_failed() == "TLS connection to localhost:" + std::to_string(server.port()));
    CHECK(error->why() == "the broker's certificate does not match 'localhost'");
    CHECK(error->hint() == "connect with the name in the certificate, or use --insecure to skip this check");
  }
  SUBCASE("an address missing from the certificate") {
    pki.make_leaf("name-only", "ca", "localhost", "DNS:localhost");
    const TlsServer server(pki.cert("name-only"), pki.key("name-only"), {});
    auto connection = tls_connection(server.port(), ca);
    connection.host = "127.0.0.1";
    const auto error = diagnose_tls_failure(connection);
    REQUIRE(error.has_value());
    CHECK(error->why() == "the broker's certificate does not match '127.0.0.1'");
  }
  SUBCASE("a certificate from a CA we do not trust") {
    const TlsServer server(pki.cert("server"), pki.key("server"), {});
    const auto error = diagnose_tls_failure(tls_connection(server.port(), pki.cert("stranger")));
    REQUIRE(error.has_value());
    CHECK(error->exit_code() == mq::exit_status::tls_failure);
    CHECK(error->why() == "certificate verify failed: unable to get local issuer certificate");
    CHECK(error->hint() == "give the CA that signed the broker's certificate with --cafile");
  }
  SUBCASE("an expired server certificate") {
    pki.make_leaf("expired", "ca", "localhost", "DNS:localhost", -1);
    const TlsServer server(pki.cert("expired"), pki.key("expired"), {});
    const auto error = diagnose_tls_failure(tls_connection(server.port(), ca));
    REQUIRE(error.has_value());
    CHECK(error->why() == "certificate verify failed: certificate has expired");
  }
  SUBCASE("a broker that requires a client certificate") {
    // TLS 1.3 reports the missing certificate after the handshake, TLS 1.2 during it.
    for (const std::string version : {"-tls1_3", "-tls1_2"}) {
      CAPTURE(version);
      const TlsServer server(pki.cert("server"), pki.key("server"), {"-Verify", "1", "-CAfile", ca, version});
      const auto error = diagnose_tls_failure(tls_connection(server.port(), ca));
      REQUIRE(error.has_value());
      CHECK(error->exit_code() == mq::exit_status::tls_failure);
      CHECK(error->why() == "the broker requires a client certificate");
      CHECK(error->hint() == "give --cert and --key");
    }
  }
  SUBCASE("an IPv6 literal is shown in brackets") {
    auto connection = tls_connection(free_port(), ca);
    connection.host = "::1";
    connection.tls.cert = "/nonexistent/cert.pem";  // fails before any connection is made
    connection.tls.key = "/nonexistent/key.pem";
    const auto error = diagnose_tls_failure(connection);
    REQUIRE(error.has_value());
    CHECK(error->what_failed() == "TLS connection to [::1]:" + std::to_string(connection.port));
    CHECK(error->why().starts_with("the client certificate cannot be loaded"));
    CHECK(error->hint() == "check --cert");
  }
  SUBCASE("a broker that rejects our client certificate") {
    pki.make_leaf("stray-client", "stranger", "stray", "");
    const TlsServer server(pki.cert("server"), pki.key("server"),
                           {"-Verify", "1", "-CAfile", ca, "-verify_return_error"});
    auto connection = tls_connection(server.port(), ca);
    connection.tls.cert = pki.cert("stray-client");
    connection.tls.key = pki.key("stray-client");
    const auto error = diagnose_tls_failure(connection);
    REQUIRE(error.has_value());
    CHECK(error->why() == "the broker rejected our client certificate: unknown ca");
  }
  SUBCASE("no common TLS version") {
    const TlsServer server(pki.cert("server"), pki.key("server"), {"-tls1_2"});
    auto connection = tls_connection(server.port(), ca);
    connection.tls.tls_version = "tlsv1.3";
    const auto error = diagnose_tls_failure(connection);
    REQUIRE(error.has_value());
    CHECK(error->why().starts_with("no common TLS version: "));
    CHECK(error->hint() == "try another --tls-version, or leave it out");
  }
  SUBCASE("a plain port") {
    const PlainServer server;
    const auto error = diagnose_tls_failure(tls_connection(server.port(), ca));
    REQUIRE(error.has_value());
    CHECK(error->exit_code() == mq::exit_status::tls_failure);
    CHECK(error->why() == "the broker did not answer TLS (is this a plain MQTT port?)");
  }
  SUBCASE("nothing listening: not a TLS matter") {
    CHECK_FALSE(diagnose_tls_failure(tls_connection(free_port(), ca)).has_value());
  }
  SUBCASE("PSK connections are not diagnosed") {
    auto connection = tls_connection(free_port(), ca);
    connection.tls.psk = "abcd";
    CHECK_FALSE(diagnose_tls_failure(connection).has_value());
  }
}
