#include "mq/paho/client.hpp"

#include <MQTTAsync.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <mutex>

#include "mq/core/error.hpp"
#include "mq/core/exit_status.hpp"
#include "mq/core/reason_codes.hpp"
#include "mq/net/connect_failure.hpp"
#include "mq/net/socket_hooks.hpp"
#include "mq/net/tls_pinning.hpp"
#include "mq/paho/connect_diagnosis.hpp"
#include "mq/paho/properties.hpp"
#include "mq/paho/tls_checks.hpp"

namespace mq::paho {

struct Completion;

// What Paho's callbacks reach through their context pointer.
struct Client::State {
  std::mutex mutex;
  Client::MessageHandler message_handler;
  Client::DeliveryHandler delivery_handler;
  Client::ConnectionHandler connection_handler;
  Client::LostHandler lost_handler;
  std::vector<std::string> ssl_errors;
  std::string psk_identity;
  std::string psk_key;  // binary
  std::string alpn_wire;
  bool connected = false;
  bool first_connect_done = false;
  // Counts lost connections, so connect() can tell that the link it just got was lost again before it
  // could mark it connected (a broker may DISCONNECT right after CONNACK).
  std::uint64_t losses = 0;
  bool interrupted = false;  // interrupt_waits() was called: every later blocking request fails at once
  // Handlers copied out under the lock and still running: ~Client waits for them, because the handlers'
  // owner (mqsub's session, say) is destroyed right after the client.
  int handlers_running = 0;
  std::condition_variable handlers_done;
  int version = 4;
  // Contexts handed to Paho for blocking requests. Paho may call back more than once or late (a failed
  // TLS connect reports twice), so they are owned here, with the state that outlives the client.
  std::vector<std::unique_ptr<std::shared_ptr<Completion>>> contexts;
};

// One blocking request (connect, subscribe, disconnect): the callback fills it and wakes the caller.
// Shared ownership so a caller that timed out can leave while Paho still holds the context.
struct Completion {
  std::mutex mutex;
  std::condition_variable done_signal;
  bool done = false;
  bool ok = false;
  int code = 0;
  int reason_code = 0;
  std::string message;
  ConnectResult connect;
  std::vector<int> granted;
};

namespace {

using CompletionHolder = std::shared_ptr<Completion>;

// Codes of our own in Completion::code, beside Paho's (all of which are > -100).
constexpr int interrupted_code = -1001;

CompletionHolder* new_context(Client::State& state, const CompletionHolder& completion) {
  std::lock_guard lock(state.mutex);
  state.contexts.push_back(std::make_unique<CompletionHolder>(completion));
  return state.contexts.back().get();
}

// Only the first answer counts; a late second one (Paho reports some failures twice) is ignored.
void finish(void* context, const std::function<void(Completion&)>& fill) noexcept {
  auto* holder = static_cast<CompletionHolder*>(context);
  {
    std::lock_guard lock((*holder)->mutex);
    if ((*holder)->done) return;
    fill(**holder);
    (*holder)->done = true;
  }
  (*holder)->done_signal.notify_all();
}

// A lost connection answers every request still waiting (Paho may never call back for them, and a SUBACK
// wait would otherwise run to its full timeout): they fail as "not connected".
void fail_pending(Client::State& state, int code = MQTTASYNC_DISCONNECTED) noexcept {
  std::vector<CompletionHolder*> pending;
  {
    std::lock_guard lock(state.mutex);
    for (auto& holder : state.contexts) pending.push_back(holder.get());
  }
  for (auto* holder : pending)
    finish(holder, [code](Completion& c) { c.code = code; });
}

// For a request that needs the connection (subscribe, unsubscribe). Registered and checked under one lock:
// a connection lost before this would never answer it (fail_pending has run already), so it fails at once.
CompletionHolder* new_connected_context(Client::State& state, const CompletionHolder& completion) {
  int failure = 0;
  CompletionHolder* holder = nullptr;
  {
    std::lock_guard lock(state.mutex);
    state.contexts.push_back(std::make_unique<CompletionHolder>(completion));
    holder = state.contexts.back().get();
    if (state.interrupted) failure = interrupted_code;
    else if (!state.connected) failure = MQTTASYNC_DISCONNECTED;
  }
  if (failure != 0) finish(holder, [failure](Completion& c) { c.code = failure; });
  return holder;
}

bool answered_already(Completion& completion) {
  std::lock_guard lock(completion.mutex);
  return completion.done;
}

void throw_if_interrupted(Completion& completion, std::string_view what) {
  std::lock_guard lock(completion.mutex);
  if (completion.done && completion.code == interrupted_code)
    throw Error(exit_status::interrupted, std::string(what), "interrupted");
}

bool wait_for(Completion& completion, Duration timeout) {
  std::unique_lock lock(completion.mutex);
  return completion.done_signal.wait_for(lock, timeout, [&] { return completion.done; });
}

void read_connack_properties(const MQTTProperties& properties, ConnectResult& result) {
  for (int i = 0; i < properties.count; ++i) {
    const MQTTProperty& property = properties.array[i];
    switch (property.identifier) {
      case MQTTPROPERTY_CODE_RECEIVE_MAXIMUM: result.receive_maximum = property.value.integer2; break;
      case MQTTPROPERTY_CODE_MAXIMUM_QOS: result.maximum_qos = property.value.byte; break;
      case MQTTPROPERTY_CODE_RETAIN_AVAILABLE: result.retain_available = property.value.byte != 0; break;
      case MQTTPROPERTY_CODE_MAXIMUM_PACKET_SIZE: result.maximum_packet_size = property.value.integer4; break;
      case MQTTPROPERTY_CODE_TOPIC_ALIAS_MAXIMUM: result.topic_alias_maximum = property.value.integer2; break;
      case MQTTPROPERTY_CODE_ASSIGNED_CLIENT_IDENTIFER:
        result.assigned_client_id =
            std::string(property.value.data.data, static_cast<std::size_t>(property.value.data.len));
        break;
      default: break;
    }
  }
}

// Paho's trace has no context pointer: debug output needs nothing but stderr, so none is required.
void trace_to_stderr(enum MQTTASYNC_TRACE_LEVELS, char* message) {
  std::string_view line(message);
  // Packet lines carry payloads ("payload len(5): hello"); -d shows packets, never message contents.
  if (const auto payload = line.find(" payload"); payload != std::string_view::npos) line = line.substr(0, payload);
  fmt::print(stderr, "debug: {}\n", line);
}

std::string build_uri(const ResolvedConnection& connection, const std::string& host) {
  const bool ipv6 = host.find(':') != std::string::npos;
  const std::string bracketed = ipv6 ? fmt::format("[{}]", host) : host;
  switch (connection.transport) {
    case Transport::tcp: return fmt::format("tcp://{}:{}", bracketed, connection.port);
    case Transport::tls: return fmt::format("ssl://{}:{}", bracketed, connection.port);
    case Transport::websocket: return fmt::format("ws://{}:{}{}", bracketed, connection.port, connection.ws_path);
    case Transport::websocket_tls:
      return fmt::format("wss://{}:{}{}", bracketed, connection.port, connection.ws_path);
  }
  return {};
}

std::string hex_to_binary(const std::string& hex) {
  std::string binary;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    binary.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return binary;
}

// Handler calls running on this thread: a client destroyed from inside its own handler must not wait for
// that call to return.
thread_local int handlers_running_here = 0;

// Counts one handler call as running from the moment it is copied (under the state's lock) until it returns.
class HandlerRun {
 public:
  HandlerRun() = default;
  HandlerRun(const HandlerRun&) = delete;
  HandlerRun& operator=(const HandlerRun&) = delete;
  ~HandlerRun() {
    if (state_ == nullptr) return;
    --handlers_running_here;
    {
      std::lock_guard lock(state_->mutex);
      --state_->handlers_running;
    }
    state_->handlers_done.notify_all();
  }
  // Call with state.mutex held, after copying a non-empty handler.
  void start(Client::State& state) {
    state_ = &state;
    ++state.handlers_running;
    ++handlers_running_here;
  }

 private:
  Client::State* state_ = nullptr;
};

// --- Paho callbacks: noexcept, never block (they run on Paho's shared threads). ---

int paho_message_arrived(void* context, char* topic, int topic_length, MQTTAsync_message* message) noexcept {
  auto* state = static_cast<Client::State*>(context);
  try {
    output::Message received;
    received.received_at = std::chrono::system_clock::now();
    received.topic = topic_length > 0 ? std::string(topic, static_cast<std::size_t>(topic_length)) : std::string(topic);
    received.payload.assign(static_cast<const char*>(message->payload), static_cast<std::size_t>(message->payloadlen));
    received.qos = message->qos;
    received.retained = message->retained != 0;
    received.duplicate = message->dup != 0;
    received.message_id = message->msgid;
    if (message->properties.count > 0) received.properties = from_paho(message->properties);
    Client::MessageHandler handler;
    HandlerRun run;
    {
      std::lock_guard lock(state->mutex);
      handler = state->message_handler;
      if (handler) run.start(*state);
    }
    if (handler) handler(std::move(received));
  } catch (...) {
    // Nothing may escape into Paho's thread; a handler that throws loses only this message's output.
  }
  MQTTAsync_freeMessage(&message);
  MQTTAsync_free(topic);
  return 1;
}

void paho_connection_lost(void* context, char* cause) noexcept {
  auto* state = static_cast<Client::State*>(context);
  Client::LostHandler handler;
  HandlerRun run;
  {
    std::lock_guard lock(state->mutex);
    state->connected = false;
    ++state->losses;
    handler = state->lost_handler;
    if (handler) run.start(*state);
  }
  fail_pending(*state);
  if (handler) handler(cause != nullptr ? cause : "connection lost");
}

// MQTT 5: the broker sent DISCONNECT (e.g. 142 session taken over). Treated as a lost connection, with
// the reason in words.
void paho_disconnected(void* context, MQTTProperties*, enum MQTTReasonCodes reason_code) noexcept {
  auto* state = static_cast<Client::State*>(context);
  Client::LostHandler handler;
  HandlerRun run;
  {
    std::lock_guard lock(state->mutex);
    state->connected = false;
    ++state->losses;
    handler = state->lost_handler;
    if (handler) run.start(*state);
  }
  fail_pending(*state);
  if (handler)
    handler(fmt::format("the broker disconnected us: {}", reason_code_text(static_cast<int>(reason_code))));
}

void paho_connected(void* context, char* cause) noexcept {
  auto* state = static_cast<Client::State*>(context);
  Client::ConnectionHandler handler;
  HandlerRun run;
  bool reconnected = false;
  {
    std::lock_guard lock(state->mutex);
    state->connected = true;
    reconnected = state->first_connect_done;
    state->first_connect_done = true;
    handler = state->connection_handler;
    if (handler) run.start(*state);
  }
  (void)cause;
  if (handler) handler(reconnected);
}

void on_delivery(Client::State* state, const Delivery& delivery) noexcept {
  Client::DeliveryHandler handler;
  HandlerRun run;
  {
    std::lock_guard lock(state->mutex);
    handler = state->delivery_handler;
    if (handler) run.start(*state);
  }
  if (handler) handler(delivery);
}

bool lost_with_connection(int paho_code) {
  return paho_code == MQTTASYNC_OPERATION_INCOMPLETE || paho_code == MQTTASYNC_DISCONNECTED;
}

void on_publish_success(void* context, MQTTAsync_successData* data) noexcept {
  Delivery delivery;
  delivery.token = data->token;
  delivery.ok = true;
  on_delivery(static_cast<Client::State*>(context), delivery);
}

void on_publish_failure(void* context, MQTTAsync_failureData* data) noexcept {
  Delivery delivery;
  delivery.token = data->token;
  delivery.paho_code = data->code;
  delivery.lost_with_connection = lost_with_connection(data->code);
  delivery.reason = paho_code_text(data->code);
  on_delivery(static_cast<Client::State*>(context), delivery);
}

void on_publish_success5(void* context, MQTTAsync_successData5* data) noexcept {
  Delivery delivery;
  delivery.token = data->token;
  delivery.ok = data->reasonCode < 0x80;
  delivery.reason_code = data->reasonCode;
  if (!delivery.ok) delivery.reason = reason_code_text(data->reasonCode);
  on_delivery(static_cast<Client::State*>(context), delivery);
}

void on_publish_failure5(void* context, MQTTAsync_failureData5* data) noexcept {
  Delivery delivery;
  delivery.token = data->token;
  delivery.reason_code = data->reasonCode;
  delivery.paho_code = data->code;
  delivery.lost_with_connection = data->reasonCode < 0x80 && lost_with_connection(data->code);
  delivery.reason = data->reasonCode >= 0x80 ? reason_code_text(data->reasonCode) : paho_code_text(data->code);
  on_delivery(static_cast<Client::State*>(context), delivery);
}

int on_ssl_error(const char* text, std::size_t length, void* context) noexcept {
  auto* state = static_cast<Client::State*>(context);
  std::lock_guard lock(state->mutex);
  if (state->ssl_errors.size() < 20) state->ssl_errors.emplace_back(text, length);
  return 0;
}

unsigned int on_psk(const char*, char* identity, unsigned int max_identity_length, unsigned char* psk,
                    unsigned int max_psk_length, void* context) noexcept {
  auto* state = static_cast<Client::State*>(context);
  if (state->psk_identity.size() + 1 > max_identity_length || state->psk_key.size() > max_psk_length) return 0;
  std::memcpy(identity, state->psk_identity.c_str(), state->psk_identity.size() + 1);
  std::memcpy(psk, state->psk_key.data(), state->psk_key.size());
  return static_cast<unsigned int>(state->psk_key.size());
}

// Paho's own OpenSSL set-up loads openssl.cnf and every error string: about 2.5 million instructions, a third
// of a one-shot publish. A plain TCP run never touches OpenSSL, so it is left out; OpenSSL 3 initialises
// itself on first use should a TLS client follow in the same process.
void initialize_paho_once(bool tls) {
  static std::once_flag once;
  std::call_once(once, [tls] {
    MQTTAsync_init_options init = MQTTAsync_init_options_initializer;
    init.do_openssl_init = tls ? 1 : 0;
    MQTTAsync_global_init(&init);
  });
}

}  // namespace

void prepare_process(bool debug) {
  // Paho 1.3.12 sends even plain tcp:// through these and ignores no_proxy; we offer SOCKS instead.
  ::unsetenv("http_proxy");
  ::unsetenv("https_proxy");
  // MQTT_C_CLIENT_TRACE=ON writes Paho's trace to stdout, which would corrupt mqsub's output.
  if (const char* trace = std::getenv("MQTT_C_CLIENT_TRACE"); trace != nullptr && std::strcmp(trace, "ON") == 0) {
    ::unsetenv("MQTT_C_CLIENT_TRACE");
    debug = true;
  }
  if (debug) {
    MQTTAsync_setTraceCallback(trace_to_stderr);
    MQTTAsync_setTraceLevel(MQTTASYNC_TRACE_PROTOCOL);
  } else {
    // The default level records every function entry under a global mutex: about 10x slower.
    MQTTAsync_setTraceLevel(MQTTASYNC_TRACE_ERROR);
  }
}

std::string version_text(std::string_view tool) {
  std::string paho_version = "unknown";
  std::string build_level;
  for (MQTTAsync_nameValue* info = MQTTAsync_getVersionInfo(); info != nullptr && info->name != nullptr; ++info) {
    if (std::strcmp(info->name, "Version") == 0) paho_version = info->value;
    if (std::strcmp(info->name, "Build level") == 0) build_level = info->value;
  }
  return fmt::format(
      "{} {}\nPaho MQTT C {} (build {}; Debian 12's 1.3.12 reports itself as 1.3.11)\n{}", tool, MQ_VERSION,
      paho_version, build_level, OpenSSL_version(OPENSSL_VERSION));
}

std::string paho_code_text(int code) {
  switch (code) {
    case MQTTASYNC_SUCCESS: return "success";
    case MQTTASYNC_FAILURE: return "connection or I/O failure";
    case MQTTASYNC_PERSISTENCE_ERROR: return "persistence error";
    case MQTTASYNC_DISCONNECTED: return "not connected";
    case MQTTASYNC_MAX_MESSAGES_INFLIGHT: return "too many messages in flight";
    case MQTTASYNC_BAD_UTF8_STRING: return "not valid UTF-8";
    case MQTTASYNC_NULL_PARAMETER: return "missing parameter";
    case MQTTASYNC_TOPICNAME_TRUNCATED: return "topic name truncated";
    case MQTTASYNC_BAD_STRUCTURE: return "bad structure";
    case MQTTASYNC_BAD_QOS: return "QoS out of range";
    case MQTTASYNC_NO_MORE_MSGIDS: return "no more message ids";
    case MQTTASYNC_OPERATION_INCOMPLETE: return "connection lost before the operation completed";
    case MQTTASYNC_MAX_BUFFERED_MESSAGES: return "send buffer full";
    case MQTTASYNC_SSL_NOT_SUPPORTED: return "TLS not supported by this Paho build";
    case MQTTASYNC_BAD_PROTOCOL: return "unsupported URL scheme";
    case MQTTASYNC_BAD_MQTT_OPTION: return "option not valid for this MQTT version";
    case MQTTASYNC_WRONG_MQTT_VERSION: return "wrong MQTT version";
    case MQTTASYNC_0_LEN_WILL_TOPIC: return "empty will topic";
    case MQTTASYNC_COMMAND_IGNORED: return "command ignored";
    default: return fmt::format("Paho error {}", code);
  }
}

Client::Client(const ResolvedConnection& connection, const ClientSettings& settings)
    : Client(std::make_shared<const ResolvedConnection>(connection), ClientIdentity{connection.client_id,
                                                                                    connection.username},
             settings) {}

Client::Client(std::shared_ptr<const ResolvedConnection> shared_connection, ClientIdentity identity,
               const ClientSettings& settings)
    : connection_(std::move(shared_connection)),
      identity_(std::move(identity)),
      settings_(settings),
      state_(std::make_shared<State>()) {
  state_->version = static_cast<int>(connection_->version);

  net::SocketPlan plan = net::socket_plan_for(*connection_);
  // Completing the TCP connect inside connect() saves Paho's ~10 ms poll before CONNECT (paho-notes §14).
  // Plain TCP only: websockets would send the HTTP upgrade twice (#1348), and TLS handshakes started on an
  // already connected socket failed intermittently here (3 of 8 runs against a TLS 1.2 listener).
  plan.fast_connect = connection_->transport == Transport::tcp;
  const std::string paho_host = net::install_socket_plan(plan);
  net::use_tls_version_pinning();

  if (uses_tls(connection_->transport)) check_tls_files(connection_->tls);

  initialize_paho_once(uses_tls(connection_->transport));

  MQTTAsync_createOptions create = MQTTAsync_createOptions_initializer;
  create.MQTTVersion = connection_->version == ProtocolVersion::v5 ? MQTTVERSION_5 : MQTTVERSION_3_1_1;
  create.maxBufferedMessages = settings_.max_buffered;
  create.sendWhileDisconnected = settings_.send_while_disconnected ? 1 : 0;
  create.deleteOldestMessages = 0;  // 1.3.12 would drop them without calling onFailure
  const std::string uri = build_uri(*connection_, paho_host);
  const int rc = MQTTAsync_createWithOptions(&handle_, uri.c_str(), identity_.client_id.c_str(),
                                             MQTTCLIENT_PERSISTENCE_NONE, nullptr, &create);
  if (rc != MQTTASYNC_SUCCESS)
    throw Error(exit_status::usage, fmt::format("creating a client for {}", uri), paho_code_text(rc));
  MQTTAsync_setCallbacks(handle_, state_.get(), paho_connection_lost, paho_message_arrived, nullptr);
  MQTTAsync_setConnected(handle_, state_.get(), paho_connected);
  MQTTAsync_setDisconnected(handle_, state_.get(), paho_disconnected);
}

Client::~Client() {
  // No MQTTAsync_destroy: it sleeps ~100 ms while Paho's threads stop and races with late callbacks
  // (Paho #1669, #1623); the process exits right after, and the handle stays reachable for leak checkers.
  {
    // From here no callback reaches the owner, whose members may already be gone (a local MessageQueue
    // declared after the client, say); Paho calls back during the disconnect below and late after it.
    // A handler copied before this line may still be running: it returns before the owner goes.
    std::unique_lock lock(state_->mutex);
    state_->message_handler = nullptr;
    state_->delivery_handler = nullptr;
    state_->connection_handler = nullptr;
    state_->lost_handler = nullptr;
    state_->handlers_done.wait(lock, [this] { return state_->handlers_running <= handlers_running_here; });
  }
  if (is_connected()) {
    try {
      disconnect(std::chrono::seconds(1));
    } catch (...) {
    }
  }
  // Paho's threads can still call back with state_.get() (a late connection-lost or TLS error report after
  // a failed connect), so the state must outlive this object: it is kept, reachable, until the process ends.
  static std::mutex kept_mutex;
  static auto* kept_states = new std::vector<std::shared_ptr<State>>();
  std::lock_guard lock(kept_mutex);
  kept_states->push_back(std::move(state_));
}

void Client::on_message(MessageHandler handler) {
  std::lock_guard lock(state_->mutex);
  state_->message_handler = std::move(handler);
}
void Client::on_delivery(DeliveryHandler handler) {
  std::lock_guard lock(state_->mutex);
  state_->delivery_handler = std::move(handler);
}
void Client::on_connected(ConnectionHandler handler) {
  std::lock_guard lock(state_->mutex);
  state_->connection_handler = std::move(handler);
}
void Client::on_connection_lost(LostHandler handler) {
  std::lock_guard lock(state_->mutex);
  state_->lost_handler = std::move(handler);
}

void Client::interrupt_waits() {
  {
    std::lock_guard lock(state_->mutex);
    state_->interrupted = true;
  }
  fail_pending(*state_, interrupted_code);
}

bool Client::is_connected() const {
  std::lock_guard lock(state_->mutex);
  return state_->connected;
}

std::string Client::endpoint() const { return net::endpoint_text(*connection_); }

ConnectResult Client::connect() {
  const bool v5 = connection_->version == ProtocolVersion::v5;
  const bool websocket = uses_websocket(connection_->transport);
  const MQTTAsync_connectOptions v3_tcp = MQTTAsync_connectOptions_initializer;
  const MQTTAsync_connectOptions v3_ws = MQTTAsync_connectOptions_initializer_ws;
  const MQTTAsync_connectOptions v5_tcp = MQTTAsync_connectOptions_initializer5;
  const MQTTAsync_connectOptions v5_ws = MQTTAsync_connectOptions_initializer5_ws;
  MQTTAsync_connectOptions options = v5 ? (websocket ? v5_ws : v5_tcp) : (websocket ? v3_ws : v3_tcp);
  options.keepAliveInterval = connection_->keepalive_seconds;
  options.MQTTVersion = v5 ? MQTTVERSION_5 : (connection_->version == ProtocolVersion::v31 ? MQTTVERSION_3_1
                                                                                           : MQTTVERSION_3_1_1);
  if (v5) {
    options.cleanstart = connection_->clean_session ? 1 : 0;
    options.cleansession = 0;
  } else {
    options.cleansession = connection_->clean_session ? 1 : 0;
  }
  const auto timeout_seconds =
      std::max<long long>(1, std::chrono::duration_cast<std::chrono::seconds>(connection_->connect_timeout +
                                                                                std::chrono::milliseconds(999))
                                 .count());
  options.connectTimeout = static_cast<int>(timeout_seconds);
  options.maxInflight = settings_.max_inflight;
  options.automaticReconnect = settings_.reconnect ? 1 : 0;
  options.minRetryInterval = static_cast<int>(
      std::max<long long>(1, std::chrono::duration_cast<std::chrono::seconds>(settings_.reconnect_min).count()));
  options.maxRetryInterval = static_cast<int>(std::max<long long>(
      options.minRetryInterval, std::chrono::duration_cast<std::chrono::seconds>(settings_.reconnect_max).count()));
  if (identity_.username) options.username = identity_.username->c_str();
  if (connection_->password) {
    // binarypwd: `password` is checked as UTF-8 by Paho and a non-UTF-8 password would be refused.
    options.binarypwd.data = connection_->password->data();
    options.binarypwd.len = static_cast<int>(connection_->password->size());
  }

  MQTTAsync_willOptions will = MQTTAsync_willOptions_initializer;
  if (connection_->will.topic) {
    will.topicName = connection_->will.topic->c_str();
    const std::string& payload = connection_->will.payload ? *connection_->will.payload : std::string();
    will.message = nullptr;
    will.payload.data = payload.data();
    will.payload.len = static_cast<int>(payload.size());
    will.qos = connection_->will.qos;
    will.retained = connection_->will.retain ? 1 : 0;
    options.will = &will;
  }

  MQTTAsync_SSLOptions ssl = MQTTAsync_SSLOptions_initializer;
  if (uses_tls(connection_->transport)) {
    const auto& tls = connection_->tls;
    if (tls.cafile) ssl.trustStore = tls.cafile->c_str();
    if (tls.capath) ssl.CApath = tls.capath->c_str();
    if (tls.cert) ssl.keyStore = tls.cert->c_str();
    if (tls.key) ssl.privateKey = tls.key->c_str();
    if (tls.ciphers) ssl.enabledCipherSuites = tls.ciphers->c_str();
    ssl.enableServerCertAuth = 1;
    // Paho's default checks the chain but not the host name; mosquitto checks both unless --insecure.
    ssl.verify = tls.insecure ? 0 : 1;
    ssl.ssl_error_cb = on_ssl_error;
    ssl.ssl_error_context = state_.get();
    if (tls.psk) {
      state_->psk_identity = tls.psk_identity.value_or("");
      state_->psk_key = hex_to_binary(*tls.psk);
      ssl.ssl_psk_cb = on_psk;
      ssl.ssl_psk_context = state_.get();
      ssl.disableDefaultTrustStore = 1;
      ssl.enableServerCertAuth = 0;
      ssl.verify = 0;
    }
    if (tls.alpn) {
      state_->alpn_wire = std::string(1, static_cast<char>(tls.alpn->size())) + *tls.alpn;
      ssl.protos = reinterpret_cast<const unsigned char*>(state_->alpn_wire.data());
      ssl.protos_len = static_cast<unsigned int>(state_->alpn_wire.size());
    }
    options.ssl = &ssl;
  }

  PahoProperties connect_properties;
  PahoProperties will_properties(connection_->properties.will);
  if (v5) {
    const auto& asked = connection_->properties.connect;
    if (connection_->session_expiry_seconds)
      connect_properties.add_integer(MQTTPROPERTY_CODE_SESSION_EXPIRY_INTERVAL, *connection_->session_expiry_seconds);
    if (asked.session_expiry_interval)
      connect_properties.add_integer(MQTTPROPERTY_CODE_SESSION_EXPIRY_INTERVAL, *asked.session_expiry_interval);
    if (asked.receive_maximum) connect_properties.add_integer(MQTTPROPERTY_CODE_RECEIVE_MAXIMUM, *asked.receive_maximum);
    if (asked.maximum_packet_size)
      connect_properties.add_integer(MQTTPROPERTY_CODE_MAXIMUM_PACKET_SIZE, *asked.maximum_packet_size);
    if (asked.topic_alias_maximum)
      connect_properties.add_integer(MQTTPROPERTY_CODE_TOPIC_ALIAS_MAXIMUM, *asked.topic_alias_maximum);
    if (asked.request_response_information)
      connect_properties.add_integer(MQTTPROPERTY_CODE_REQUEST_RESPONSE_INFORMATION, *asked.request_response_information);
    if (asked.request_problem_information)
      connect_properties.add_integer(MQTTPROPERTY_CODE_REQUEST_PROBLEM_INFORMATION, *asked.request_problem_information);
    if (asked.authentication_method)
      connect_properties.add_binary(MQTTPROPERTY_CODE_AUTHENTICATION_METHOD, *asked.authentication_method);
    if (asked.authentication_data)
      connect_properties.add_binary(MQTTPROPERTY_CODE_AUTHENTICATION_DATA, *asked.authentication_data);
    for (const auto& [key, value] : asked.user_properties) connect_properties.add_user_property(key, value);
    options.connectProperties = connect_properties.get();
    if (connection_->will.topic) {
      if (connection_->properties.will_delay_interval)
        will_properties.add_integer(MQTTPROPERTY_CODE_WILL_DELAY_INTERVAL, *connection_->properties.will_delay_interval);
      options.willProperties = will_properties.get();
    }
  }

  auto completion = std::make_shared<Completion>();
  options.context = new_context(*state_, completion);
  if (v5) {
    options.onSuccess5 = [](void* context, MQTTAsync_successData5* data) noexcept {
      finish(context, [data](Completion& c) {
        c.ok = true;
        c.connect.session_present = data->alt.connect.sessionPresent != 0;
        read_connack_properties(data->properties, c.connect);
      });
    };
    options.onFailure5 = [](void* context, MQTTAsync_failureData5* data) noexcept {
      finish(context, [data](Completion& c) {
        c.code = data->code;
        c.reason_code = data->reasonCode;
        if (data->message != nullptr) c.message = data->message;
      });
    };
  } else {
    options.onSuccess = [](void* context, MQTTAsync_successData* data) noexcept {
      finish(context, [data](Completion& c) {
        c.ok = true;
        c.connect.session_present = data->alt.connect.sessionPresent != 0;
      });
    };
    options.onFailure = [](void* context, MQTTAsync_failureData* data) noexcept {
      finish(context, [data](Completion& c) {
        c.code = data->code;
        if (data->message != nullptr) c.message = data->message;
      });
    };
  }

  std::uint64_t losses_before = 0;
  {
    std::lock_guard state_lock(state_->mutex);
    losses_before = state_->losses;
  }
  const int rc = MQTTAsync_connect(handle_, &options);
  if (rc != MQTTASYNC_SUCCESS) {
    throw Error(exit_status::usage, fmt::format("connecting to {}", endpoint()), paho_code_text(rc));
  }
  // Paho's own timeout covers the TCP and MQTT handshakes; ours also bounds a blocking DNS lookup.
  const auto started = std::chrono::steady_clock::now();
  const bool answered = wait_for(*completion, connection_->connect_timeout + std::chrono::seconds(2));
  // Paho reports its own connect timeout as a plain failure; the clock tells it from a refusal.
  const bool timed_out = !answered || std::chrono::steady_clock::now() - started >= connection_->connect_timeout;
  std::unique_lock lock(completion->mutex);
  if (answered && completion->ok) {
    std::lock_guard state_lock(state_->mutex);
    // Paho's callbacks already marked it connected; this covers a connect() returning before they ran. A
    // loss seen meanwhile (DISCONNECT right after CONNACK) must stay seen: the next request fails with it.
    if (state_->losses == losses_before) state_->connected = true;
    return completion->connect;
  }
  const int code = answered ? completion->code : MQTTASYNC_FAILURE;
  const std::string message = answered ? completion->message : "no answer";
  lock.unlock();
  // With automatic reconnect on, Paho keeps retrying a failed first connect: stop it, we report instead.
  MQTTAsync_disconnectOptions stop = MQTTAsync_disconnectOptions_initializer;
  stop.timeout = 0;
  MQTTAsync_disconnect(handle_, &stop);
  throw_if_interrupted(*completion, fmt::format("connecting to {}", endpoint()));
  if (!answered || (timed_out && code < 0)) {
    throw Error(exit_status::unreachable, fmt::format("connecting to {}", endpoint()),
                fmt::format("no answer within {}", format_duration(connection_->connect_timeout)),
                "is the broker running and reachable? see --connect-timeout");
  }
  std::vector<std::string> ssl_errors;
  {
    std::lock_guard state_lock(state_->mutex);
    ssl_errors = state_->ssl_errors;
  }
  throw diagnose_connect_failure(*connection_, code, message, ssl_errors);
}

int Client::publish(const std::string& topic, std::string_view payload, int qos, bool retain,
                    const output::MessageProperties* properties) {
  const bool v5 = connection_->version == ProtocolVersion::v5;
  MQTTAsync_responseOptions options = MQTTAsync_responseOptions_initializer;
  options.context = state_.get();
  if (v5) {
    options.onSuccess5 = on_publish_success5;
    options.onFailure5 = on_publish_failure5;
  } else {
    options.onSuccess = on_publish_success;
    options.onFailure = on_publish_failure;
  }
  MQTTAsync_message message = MQTTAsync_message_initializer;
  message.payload = const_cast<char*>(payload.data());  // Paho copies the payload before returning
  message.payloadlen = static_cast<int>(payload.size());
  message.qos = qos;
  message.retained = retain ? 1 : 0;
  std::shared_ptr<PahoProperties> paho_properties;  // alive until Paho has copied the list
  if (v5 && properties != nullptr) {
    std::call_once(publish_properties_once_,
                   [this] { publish_properties_ = std::make_unique<PublishPropertiesCache>(); });
    auto& cache = *publish_properties_;
    // Not held while calling Paho: Paho calls back under its own lock (see Publisher::send).
    std::lock_guard lock(cache.mutex);
    if (cache.converted == nullptr || cache.source != *properties) {
      cache.converted = std::make_shared<PahoProperties>(*properties);
      cache.source = *properties;
    }
    paho_properties = cache.converted;
  }
  if (paho_properties != nullptr) message.properties = *paho_properties->get();
  const int rc = MQTTAsync_sendMessage(handle_, topic.c_str(), &message, &options);
  if (rc != MQTTASYNC_SUCCESS)
    throw Error(rc == MQTTASYNC_DISCONNECTED ? exit_status::connection_lost : exit_status::publish_rejected,
                fmt::format("publishing to '{}'", topic), paho_code_text(rc));
  return options.token;
}

std::vector<int> Client::subscribe(const std::vector<Subscription>& subscriptions,
                                   std::optional<std::uint32_t> subscription_identifier,
                                   const std::vector<std::pair<std::string, std::string>>& user_properties) {
  const bool v5 = connection_->version == ProtocolVersion::v5;
  std::vector<char*> filters;
  std::vector<int> qos_list;
  std::vector<MQTTSubscribe_options> subscribe_options;
  for (const auto& subscription : subscriptions) {
    filters.push_back(const_cast<char*>(subscription.filter.c_str()));
    qos_list.push_back(subscription.qos);
    MQTTSubscribe_options one = MQTTSubscribe_options_initializer;
    one.noLocal = subscription.no_local ? 1 : 0;
    one.retainAsPublished = subscription.retain_as_published ? 1 : 0;
    one.retainHandling = static_cast<unsigned char>(subscription.retain_handling);
    subscribe_options.push_back(one);
  }
  MQTTAsync_responseOptions options = MQTTAsync_responseOptions_initializer;
  PahoProperties properties;
  auto completion = std::make_shared<Completion>();
  completion->granted.resize(subscriptions.size());
  options.context = new_connected_context(*state_, completion);
  const int count = static_cast<int>(subscriptions.size());
  if (v5) {
    if (subscription_identifier)
      properties.add_integer(MQTTPROPERTY_CODE_SUBSCRIPTION_IDENTIFIER, *subscription_identifier);
    for (const auto& [key, value] : user_properties) properties.add_user_property(key, value);
    options.properties = *properties.get();
    if (count == 1) {
      options.subscribeOptions = subscribe_options.front();
    } else {
      options.subscribeOptionsCount = count;
      options.subscribeOptionsList = subscribe_options.data();
    }
    options.onSuccess5 = [](void* context, MQTTAsync_successData5* data) noexcept {
      finish(context, [data](Completion& c) {
        c.ok = true;
        // granted was sized to the number of filters; for one filter Paho 1.3.12 leaves alt.sub unset.
        if (c.granted.size() > 1 && data->alt.sub.reasonCodes != nullptr &&
            data->alt.sub.reasonCodeCount == static_cast<int>(c.granted.size()))
          c.granted.assign(data->alt.sub.reasonCodes, data->alt.sub.reasonCodes + data->alt.sub.reasonCodeCount);
        else
          c.granted.assign(1, data->reasonCode);
      });
    };
    options.onFailure5 = [](void* context, MQTTAsync_failureData5* data) noexcept {
      finish(context, [data](Completion& c) {
        c.code = data->code;
        c.reason_code = data->reasonCode;
        if (data->message != nullptr) c.message = data->message;
      });
    };
  } else {
    options.onSuccess = [](void* context, MQTTAsync_successData* data) noexcept {
      finish(context, [data](Completion& c) {
        c.ok = true;
        // granted was sized to the number of filters before subscribing; Paho gives a list only for several.
        if (c.granted.size() > 1 && data->alt.qosList != nullptr)
          std::copy(data->alt.qosList, data->alt.qosList + c.granted.size(), c.granted.begin());
        else
          c.granted.assign(1, data->alt.qos);
      });
    };
    options.onFailure = [](void* context, MQTTAsync_failureData* data) noexcept {
      finish(context, [data](Completion& c) {
        c.code = data->code;
        if (data->message != nullptr) c.message = data->message;
      });
    };
  }
  const int rc = answered_already(*completion) ? MQTTASYNC_SUCCESS
                 : count == 1 ? MQTTAsync_subscribe(handle_, filters.front(), qos_list.front(), &options)
                              : MQTTAsync_subscribeMany(handle_, count, filters.data(), qos_list.data(), &options);
  if (rc != MQTTASYNC_SUCCESS) {
    if (rc == MQTTASYNC_DISCONNECTED)
      throw Error(exit_status::connection_lost, "subscribing", "the broker closed the connection before the SUBACK");
    throw Error(exit_status::subscribe_rejected, "subscribing", paho_code_text(rc));
  }
  if (!wait_for(*completion, connection_->connect_timeout + std::chrono::seconds(5)))
    throw Error(exit_status::subscribe_rejected, "subscribing", "no SUBACK from the broker");
  throw_if_interrupted(*completion, "subscribing");
  std::lock_guard lock(completion->mutex);
  if (!completion->ok && completion->code == MQTTASYNC_DISCONNECTED)
    throw Error(exit_status::connection_lost, "subscribing", "the broker closed the connection before the SUBACK");
  if (!completion->ok) {
    // v5 puts the SUBACK reason in reason_code; v3 reports its 0x80 failure as the code.
    const int refusal = completion->reason_code >= 0x80 ? completion->reason_code
                                                        : (completion->code >= 0x80 ? completion->code : 0);
    const std::string why =
        refusal == 0x80 && connection_->version != ProtocolVersion::v5
            ? std::string("the broker refused the subscription")
            : (refusal >= 0x80 ? fmt::format("the broker refused: {}", reason_code_text(refusal))
                               : paho_code_text(completion->code));
    throw Error(exit_status::subscribe_rejected, fmt::format("subscribing to '{}'", subscriptions.front().filter),
                why, completion->code == MQTTASYNC_OPERATION_INCOMPLETE ? "is the filter valid for this broker?" : "");
  }
  std::vector<int> granted = completion->granted;
  if (granted.size() < subscriptions.size()) granted.resize(subscriptions.size(), granted.empty() ? 0 : granted.back());
  return granted;
}

void Client::unsubscribe(const std::vector<std::string>& filters) {
  std::vector<char*> topics;
  for (const auto& filter : filters) topics.push_back(const_cast<char*>(filter.c_str()));
  MQTTAsync_responseOptions options = MQTTAsync_responseOptions_initializer;
  auto completion = std::make_shared<Completion>();
  options.context = new_connected_context(*state_, completion);
  PahoProperties properties;  // outlives the call: Paho copies it while queueing
  if (connection_->version == ProtocolVersion::v5) {
    for (const auto& [key, value] : connection_->properties.unsubscribe_user_properties)
      properties.add_user_property(key, value);
    options.properties = *properties.get();
    options.onSuccess5 = [](void* context, MQTTAsync_successData5*) noexcept {
      finish(context, [](Completion& c) { c.ok = true; });
    };
    options.onFailure5 = [](void* context, MQTTAsync_failureData5* data) noexcept {
      finish(context, [data](Completion& c) { c.code = data->code; });
    };
  } else {
    options.onSuccess = [](void* context, MQTTAsync_successData*) noexcept {
      finish(context, [](Completion& c) { c.ok = true; });
    };
    options.onFailure = [](void* context, MQTTAsync_failureData* data) noexcept {
      finish(context, [data](Completion& c) { c.code = data->code; });
    };
  }
  const int rc = answered_already(*completion)
                     ? MQTTASYNC_SUCCESS
                     : MQTTAsync_unsubscribeMany(handle_, static_cast<int>(topics.size()), topics.data(), &options);
  if (rc != MQTTASYNC_SUCCESS) {
    throw Error(exit_status::subscribe_rejected, "unsubscribing", paho_code_text(rc));
  }
  if (!wait_for(*completion, connection_->connect_timeout + std::chrono::seconds(5)))
    throw Error(exit_status::subscribe_rejected, "unsubscribing", "no UNSUBACK from the broker");
  throw_if_interrupted(*completion, "unsubscribing");
  {
    std::lock_guard lock(completion->mutex);
    if (!completion->ok && completion->code == MQTTASYNC_DISCONNECTED)
      throw Error(exit_status::connection_lost, "unsubscribing", "the broker closed the connection before the UNSUBACK");
  }
}

void Client::disconnect(Duration timeout, int reason_code) {
  {
    std::lock_guard lock(state_->mutex);
    if (!state_->connected) return;
    state_->connected = false;
  }
  MQTTAsync_disconnectOptions options = MQTTAsync_disconnectOptions_initializer;
  const bool v5 = connection_->version == ProtocolVersion::v5;
  options.timeout = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count());
  auto completion = std::make_shared<Completion>();
  options.context = new_context(*state_, completion);
  PahoProperties disconnect_properties;
  if (v5) {
    const auto& asked = connection_->properties.disconnect;
    if (asked.session_expiry_interval)
      disconnect_properties.add_integer(MQTTPROPERTY_CODE_SESSION_EXPIRY_INTERVAL, *asked.session_expiry_interval);
    if (asked.reason_string) disconnect_properties.add_binary(MQTTPROPERTY_CODE_REASON_STRING, *asked.reason_string);
    for (const auto& [key, value] : asked.user_properties) disconnect_properties.add_user_property(key, value);
    options.properties = *disconnect_properties.get();
    options.reasonCode = static_cast<MQTTReasonCodes>(reason_code);
    options.onSuccess5 = [](void* context, MQTTAsync_successData5*) noexcept {
      finish(context, [](Completion& c) { c.ok = true; });
    };
    options.onFailure5 = [](void* context, MQTTAsync_failureData5*) noexcept {
      finish(context, [](Completion&) {});
    };
  } else {
    options.onSuccess = [](void* context, MQTTAsync_successData*) noexcept {
      finish(context, [](Completion& c) { c.ok = true; });
    };
    options.onFailure = [](void* context, MQTTAsync_failureData*) noexcept { finish(context, [](Completion&) {}); };
  }
  if (MQTTAsync_disconnect(handle_, &options) != MQTTASYNC_SUCCESS) {
    return;
  }
  wait_for(*completion, timeout + std::chrono::seconds(1));
}

}  // namespace mq::paho
