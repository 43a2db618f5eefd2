#include "mq/paho/tls_checks.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netdb.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <memory>

#include "mq/core/exit_status.hpp"

namespace mq::paho {
namespace {

template <auto free_function>
struct OpenSslFree {
  template <typename T>
  void operator()(T* pointer) const noexcept {
    free_function(pointer);
  }
};
using BioPtr = std::unique_ptr<BIO, OpenSslFree<BIO_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslFree<X509_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree<EVP_PKEY_free>>;
using ContextPtr = std::unique_ptr<SSL_CTX, OpenSslFree<SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, OpenSslFree<SSL_free>>;

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  int fd() const noexcept { return fd_; }

 private:
  int fd_;
};

// OpenSSL writes to the socket with write(), so a broker that hangs up mid-handshake would raise SIGPIPE,
// and the tools keep SIGPIPE's default action (a closed stdout ends them quietly). While this is alive the
// signal is blocked for this thread, and one raised meanwhile is taken off the pending set.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&sigpipe_);
    sigaddset(&sigpipe_, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &sigpipe_, &previous_mask_);
  }
  ~SigpipeBlock() {
    sigset_t pending;
    sigpending(&pending);
    if (!was_pending_ && sigismember(&pending, SIGPIPE) == 1) {
      const timespec no_wait{0, 0};
      sigtimedwait(&sigpipe_, nullptr, &no_wait);
    }
    pthread_sigmask(SIG_SETMASK, &previous_mask_, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

 private:
  sigset_t sigpipe_{};
  sigset_t previous_mask_{};
  bool was_pending_ = false;
};

constexpr auto post_handshake_read_time = std::chrono::milliseconds(1500);

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// OpenSSL's reason for the most recent error in its queue ("no start line"), emptying the queue.
std::string last_openssl_reason() {
  const unsigned long code = ERR_peek_last_error();
  ERR_clear_error();
  if (code == 0) return {};
  const char* reason = ERR_reason_error_string(code);
  return reason != nullptr ? lowercase(reason) : std::string();
}

std::string with_reason(std::string_view words, const std::string& reason) {
  return reason.empty() ? std::string(words) : fmt::format("{} ({})", words, reason);
}

[[noreturn]] void file_error(std::string_view option, const std::string& path, const std::string& why,
                             const std::string& hint) {
  throw Error(exit_status::tls_failure, fmt::format("{} {}", option, path), why, hint);
}

BioPtr open_file(std::string_view option, const std::string& path) {
  ERR_clear_error();
  BioPtr file(BIO_new_file(path.c_str(), "r"));
  if (!file) {
    const int error = errno;
    ERR_clear_error();
    file_error(option, path, fmt::format("cannot be read: {}", lowercase(std::strerror(error))),
               "check the path and its permissions");
  }
  return file;
}

// Moments as OpenSSL prints them ("Jan  1 00:00:00 2020 GMT"), for messages about validity.
std::string asn1_time_text(const ASN1_TIME* time) {
  BioPtr memory(BIO_new(BIO_s_mem()));
  if (!memory || ASN1_TIME_print(memory.get(), time) != 1) return "an unreadable date";
  char* data = nullptr;
  const long length = BIO_get_mem_data(memory.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

void check_ca_file(const std::string& path) {
  const auto file = open_file("--cafile", path);
  int certificates = 0;
  while (X509Ptr certificate{PEM_read_bio_X509(file.get(), nullptr, nullptr, nullptr)}) ++certificates;
  const std::string reason = last_openssl_reason();
  if (certificates == 0)
    file_error("--cafile", path, with_reason("not a PEM certificate", reason),
               "give the CA certificate in PEM form (-----BEGIN CERTIFICATE-----)");
}

void check_ca_path(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_directory(path, error))
    file_error("--capath", path, "not a directory",
               "give a directory of hashed CA certificates (openssl rehash), or use --cafile for one file");
}

X509Ptr check_certificate(const std::string& path) {
  const auto file = open_file("--cert", path);
  X509Ptr certificate(PEM_read_bio_X509(file.get(), nullptr, nullptr, nullptr));
  if (!certificate)
    file_error("--cert", path, with_reason("not a PEM certificate", last_openssl_reason()),
               "give the client certificate in PEM form (-----BEGIN CERTIFICATE-----)");
  const ASN1_TIME* not_after = X509_get0_notAfter(certificate.get());
  if (X509_cmp_current_time(not_after) < 0)
    file_error("--cert", path, fmt::format("the certificate has expired ({})", asn1_time_text(not_after)),
               "renew the client certificate");
  const ASN1_TIME* not_before = X509_get0_notBefore(certificate.get());
  if (X509_cmp_current_time(not_before) > 0)
    file_error("--cert", path,
               fmt::format("the certificate is not valid yet ({})", asn1_time_text(not_before)),
               "check this machine's clock, or the certificate's start date");
  return certificate;
}

// Why a file that failed to load as a key is not one. OpenSSL's key decoders only say "unsupported", so
// this reads the file as generic PEM: either that fails too ("no start line") or it names what it holds.
std::string pem_block_problem(const std::string& path) {
  ERR_clear_error();
  const auto file = open_file("--key", path);
  char* name = nullptr;
  char* header = nullptr;
  unsigned char* data = nullptr;
  long length = 0;
  if (PEM_read_bio(file.get(), &name, &header, &data, &length) != 1) return last_openssl_reason();
  const std::string_view block = name;
  std::string holds = block.ends_with("PRIVATE KEY") ? fmt::format("the {} block cannot be decoded", block)
                                                     : fmt::format("the file holds a {}", block);
  OPENSSL_free(name);
  OPENSSL_free(header);
  OPENSSL_free(data);
  return holds;
}

// OpenSSL asks for a passphrase only when the key is encrypted; refusing the request lets us tell that case
// apart from a file that is not a key at all.
int refuse_passphrase(char*, int, int, void* asked) noexcept {
  *static_cast<bool*>(asked) = true;
  return -1;
}

void check_key(const std::string& path, X509* certificate) {
  const auto file = open_file("--key", path);
  bool passphrase_asked = false;
  KeyPtr key(PEM_read_bio_PrivateKey(file.get(), nullptr, refuse_passphrase, &passphrase_asked));
  if (passphrase_asked) {
    ERR_clear_error();
    // Paho could take a passphrase (privateKeyPassword), but no option of ours passes one yet.
    file_error("--key", path, "the key is encrypted, and encrypted keys are not supported",
               "decrypt it with: openssl pkey -in KEY -out PLAIN_KEY");
  }
  if (!key)
    file_error("--key", path, with_reason("not a PEM private key", pem_block_problem(path)),
               "give the private key in PEM form (-----BEGIN PRIVATE KEY-----)");
  if (certificate != nullptr && X509_check_private_key(certificate, key.get()) != 1) {
    ERR_clear_error();
    file_error("--key", path, "the key does not match the certificate given with --cert",
               "give the key that belongs to the --cert certificate");
  }
}


void set_socket_timeout(int fd, std::chrono::milliseconds timeout) {
  timeval limit{};
  limit.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  limit.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof(limit));
}

bool connect_within(int fd, const sockaddr* address, socklen_t length, std::chrono::milliseconds timeout) {
  const int flags = ::fcntl(fd, F_GETFL);
  ::fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  bool connected = ::connect(fd, address, length) == 0;
  if (!connected && errno == EINPROGRESS) {
    pollfd waiting{fd, POLLOUT, 0};
    if (::poll(&waiting, 1, static_cast<int>(timeout.count())) == 1) {
      int error = 0;
      socklen_t error_length = sizeof(error);
      ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &error_length);
      connected = error == 0;
    }
  }
  ::fcntl(fd, F_SETFL, flags);
  return connected;
}

// A connected socket to the broker endpoint, or -1. The connect goes through ::connect on purpose: the
// socket layer rewrites it for --unix, --proxy and -A exactly as it does for Paho's own connection.
int connect_to_broker(const ResolvedConnection& connection, std::chrono::milliseconds timeout) {
  if (connection.unix_socket) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, connection.unix_socket->c_str(), sizeof(address.sun_path) - 1);
    if (fd >= 0 && connect_within(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address), timeout))
      return fd;
    if (fd >= 0) ::close(fd);
    return -1;
  }
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(connection.port);
  // With socks5h the proxy resolves the name; the socket layer replaces the address we connect to.
  const bool proxy_resolves = connection.proxy && connection.proxy->remote_dns;
  const std::string host = proxy_resolves ? std::string("127.0.0.1") : connection.host;
  if (::getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0) return -1;
  int connected_fd = -1;
  for (addrinfo* address = found; address != nullptr && connected_fd < 0; address = address->ai_next) {
    const int fd = ::socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC, address->ai_protocol);
    if (fd < 0) continue;
    if (connect_within(fd, address->ai_addr, address->ai_addrlen, timeout)) {
      connected_fd = fd;
    } else {
      ::close(fd);
    }
  }
  ::freeaddrinfo(found);
  return connected_fd;
}

bool is_ip_literal(const std::string& host) {
  in6_addr scratch{};
  return ::inet_pton(AF_INET, host.c_str(), &scratch) == 1 ||
         ::inet_pton(AF_INET6, host.c_str(), &scratch) == 1;
}

int pinned_version(const std::string& name) {
  if (name == "tlsv1.3") return TLS1_3_VERSION;
  if (name == "tlsv1.2") return TLS1_2_VERSION;
  if (name == "tlsv1.1") return TLS1_1_VERSION;
  return 0;
}

// The same context the real connection gets from Paho (see paho-notes.md, section 7) plus our version pin.
// Returns the error when an option cannot be applied at all.
std::optional<Error> configure_context(SSL_CTX* context, const TlsOptions& tls, const std::string& what) {
  // Paho lowers the security level to 1; matching it keeps our verdict identical to the real connection's.
  SSL_CTX_set_security_level(context, 1);
  // As in client.cpp: the chain is always verified, --insecure only skips the host-name check.
  SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nullptr);
  if (tls.cafile || tls.capath) {
    if (SSL_CTX_load_verify_locations(context, tls.cafile ? tls.cafile->c_str() : nullptr,
                                      tls.capath ? tls.capath->c_str() : nullptr) != 1)
      return Error(exit_status::tls_failure, what,
                   with_reason("the CA certificates cannot be loaded", last_openssl_reason()),
                   "check --cafile and --capath");
  } else {
    SSL_CTX_set_default_verify_paths(context);
  }
  if (tls.cert && SSL_CTX_use_certificate_chain_file(context, tls.cert->c_str()) != 1)
    return Error(exit_status::tls_failure, what,
                 with_reason("the client certificate cannot be loaded", last_openssl_reason()),
                 "check --cert");
  if (tls.key && SSL_CTX_use_PrivateKey_file(context, tls.key->c_str(), SSL_FILETYPE_PEM) != 1)
    return Error(exit_status::tls_failure, what,
                 with_reason("the key cannot be loaded", last_openssl_reason()), "check --key");
  if (tls.ciphers && SSL_CTX_set_cipher_list(context, tls.ciphers->c_str()) != 1)
    return Error(exit_status::tls_failure, what,
                 with_reason(fmt::format("no usable cipher in '{}'", *tls.ciphers), last_openssl_reason()),
                 "check --ciphers (OpenSSL cipher list syntax, TLS 1.2 and older)");
  if (tls.tls_version) {
    const int version = pinned_version(*tls.tls_version);
    SSL_CTX_set_min_proto_version(context, version);
    SSL_CTX_set_max_proto_version(context, version);
  }
  if (tls.alpn && !tls.alpn->empty() && tls.alpn->size() < 256) {
    std::string wire(1, static_cast<char>(tls.alpn->size()));
    wire += *tls.alpn;
    SSL_CTX_set_alpn_protos(context, reinterpret_cast<const unsigned char*>(wire.data()),
                            static_cast<unsigned int>(wire.size()));
  }
  return std::nullopt;
}

// Alert names without OpenSSL's "sslv3 alert " / "tlsv13 alert " prefix: "bad certificate", "unknown ca".
std::string alert_words(const std::string& reason) {
  const auto alert = reason.find("alert ");
  return alert == std::string::npos ? reason : reason.substr(alert + 6);
}

bool is_alert(int reason, int alert) {
  return reason == SSL_AD_REASON_OFFSET + alert;
}

bool rejects_client_certificate(int reason) {
  for (const int alert : {SSL_AD_BAD_CERTIFICATE, SSL_AD_UNSUPPORTED_CERTIFICATE, SSL_AD_CERTIFICATE_REVOKED,
                          SSL_AD_CERTIFICATE_EXPIRED, SSL_AD_CERTIFICATE_UNKNOWN, SSL_AD_UNKNOWN_CA,
                          SSL_AD_ACCESS_DENIED, SSL_AD_DECRYPT_ERROR})
    if (is_alert(reason, alert)) return true;
  return false;
}

std::string verify_hint(long verify_result) {
  switch (verify_result) {
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return "the broker's certificate must be renewed";
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return "check this machine's clock";
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
      return "give the CA that signed the broker's certificate with --cafile";
    default:
      return "check --cafile or --capath";
  }
}

constexpr std::string_view not_tls_words = "the broker did not answer TLS (is this a plain MQTT port?)";
constexpr std::string_view not_tls_hint = "use mqtt:// for a plain port; TLS listeners are usually on 8883";

// Words for a failed SSL_connect or post-handshake SSL_read, or nullopt when nothing went wrong.
std::optional<Error> explain_failure(SSL* ssl, int ssl_error, const TlsOptions& tls, const std::string& what,
                                     bool handshake_done) {
  const unsigned long code = ERR_peek_last_error();
  const int reason = code != 0 ? ERR_GET_REASON(code) : 0;
  const std::string reason_text = last_openssl_reason();
  const auto tls_error = [&](std::string why, std::string hint) {
    return Error(exit_status::tls_failure, what, std::move(why), std::move(hint));
  };

  if (reason == SSL_R_CERTIFICATE_VERIFY_FAILED) {
    const long result = SSL_get_verify_result(ssl);
    return tls_error(fmt::format("certificate verify failed: {}", X509_verify_cert_error_string(result)),
                     verify_hint(result));
  }
  const bool sent_certificate = tls.cert.has_value();
  if (is_alert(reason, SSL_AD_CERTIFICATE_REQUIRED) ||
      (!sent_certificate && is_alert(reason, SSL_AD_HANDSHAKE_FAILURE) && !handshake_done))
    return tls_error("the broker requires a client certificate", "give --cert and --key");
  if (sent_certificate && rejects_client_certificate(reason))
    return tls_error(fmt::format("the broker rejected our client certificate: {}", alert_words(reason_text)),
                     "check that --cert is signed by a CA the broker trusts and has not expired");
  if (reason == SSL_R_UNSUPPORTED_PROTOCOL || reason == SSL_R_NO_PROTOCOLS_AVAILABLE ||
      reason == SSL_R_VERSION_TOO_LOW || reason == SSL_R_VERSION_TOO_HIGH ||
      is_alert(reason, SSL_AD_PROTOCOL_VERSION))
    return tls_error(fmt::format("no common TLS version: {}", reason_text),
                     tls.tls_version ? "try another --tls-version, or leave it out"
                                     : "the broker only offers a TLS version this client does not allow");
  if (handshake_done) {
    if (ssl_error == SSL_ERROR_WANT_READ || ssl_error == SSL_ERROR_NONE) return std::nullopt;  // quiet: fine
    if (ssl_error == SSL_ERROR_ZERO_RETURN || (ssl_error == SSL_ERROR_SYSCALL && reason == 0))
      return std::nullopt;
    if (reason >= SSL_AD_REASON_OFFSET)
      return tls_error(fmt::format("the broker ended the TLS session: {}", alert_words(reason_text)), {});
    return std::nullopt;
  }
  if (reason == SSL_R_WRONG_VERSION_NUMBER || reason == SSL_R_PACKET_LENGTH_TOO_LONG ||
      reason == SSL_R_UNEXPECTED_EOF_WHILE_READING || reason == SSL_R_HTTP_REQUEST ||
      ssl_error == SSL_ERROR_WANT_READ || ssl_error == SSL_ERROR_WANT_WRITE ||
      (ssl_error == SSL_ERROR_SYSCALL && reason == 0))
    return tls_error(std::string(not_tls_words), std::string(not_tls_hint));
  if (reason >= SSL_AD_REASON_OFFSET)
    return tls_error(fmt::format("the broker ended the handshake: {}", alert_words(reason_text)),
                     "check --cafile, --cert, --key, --ciphers and --tls-version");
  return tls_error(with_reason("the TLS handshake failed", reason_text),
                   "check --cafile, --cert, --key, --ciphers and --tls-version");
}

std::optional<Error> check_host_name(SSL* ssl, const std::string& host, const std::string& what) {
  X509Ptr peer(SSL_get1_peer_certificate(ssl));
  if (!peer) return Error(exit_status::tls_failure, what, "the broker sent no certificate", {});
  const bool matches = is_ip_literal(host)
                           ? X509_check_ip_asc(peer.get(), host.c_str(), 0) == 1
                           : X509_check_host(peer.get(), host.data(), host.size(), 0, nullptr) == 1;
  if (matches) return std::nullopt;
  return Error(exit_status::tls_failure, what,
               fmt::format("the broker's certificate does not match '{}'", host),
               "connect with the name in the certificate, or use --insecure to skip this check");
}

}  // namespace

void check_tls_files(const TlsOptions& tls) {
  if (tls.cafile) check_ca_file(*tls.cafile);
  if (tls.capath) check_ca_path(*tls.capath);
  X509Ptr certificate;
  if (tls.cert) certificate = check_certificate(*tls.cert);
  if (tls.key) check_key(*tls.key, certificate.get());
}

std::optional<Error> diagnose_tls_failure(const ResolvedConnection& connection) {
  const auto& tls = connection.tls;
  if (tls.psk) return std::nullopt;  // PSK handshakes fail only on a wrong key or identity: nothing to add
  const bool bracketed = connection.host.find(':') != std::string::npos;  // an IPv6 literal
  const std::string shown_host = bracketed ? "[" + connection.host + "]" : connection.host;
  const std::string what = fmt::format("TLS connection to {}:{}", shown_host, connection.port);
  const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(connection.connect_timeout);

  ERR_clear_error();
  ContextPtr context(SSL_CTX_new(TLS_client_method()));
  if (!context)
    return Error(exit_status::tls_failure, what, with_reason("OpenSSL failed", last_openssl_reason()));
  if (auto unusable = configure_context(context.get(), tls, what)) return unusable;

  const Socket broker_socket(connect_to_broker(connection, timeout));
  if (broker_socket.fd() < 0) return std::nullopt;  // unreachable: probe_tcp words that, not a TLS matter
  set_socket_timeout(broker_socket.fd(), timeout);

  const SigpipeBlock no_sigpipe;
  SslPtr ssl(SSL_new(context.get()));
  if (!ssl)
    return Error(exit_status::tls_failure, what, with_reason("OpenSSL failed", last_openssl_reason()));
  SSL_set_fd(ssl.get(), broker_socket.fd());
  if (!is_ip_literal(connection.host)) SSL_set_tlsext_host_name(ssl.get(), connection.host.c_str());

  ERR_clear_error();
  const int connected = SSL_connect(ssl.get());
  if (connected != 1)
    return explain_failure(ssl.get(), SSL_get_error(ssl.get(), connected), tls, what, false);
  if (!tls.insecure) {
    if (auto mismatch = check_host_name(ssl.get(), connection.host, what)) return mismatch;
  }

  // Under TLS 1.3 the server judges our certificate after our side of the handshake is done, so its
  // verdict (an alert) arrives only with the first read. A broker says nothing before CONNECT: a quiet
  // read that times out means the session is fine.
  set_socket_timeout(broker_socket.fd(), post_handshake_read_time);
  char byte = 0;
  ERR_clear_error();
  const int read_result = SSL_read(ssl.get(), &byte, 1);
  if (read_result > 0) return std::nullopt;
  return explain_failure(ssl.get(), SSL_get_error(ssl.get(), read_result), tls, what, true);
}

}  // namespace mq::paho
