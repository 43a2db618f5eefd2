#include "mq/cli/connection_cli.hpp"

#include "mq/cli/value_checks.hpp"

namespace mq::cli {

void add_connection_options(CLI::App& app, ConnectionOptions& options) {
  app.add_option("-h,--host", options.host, "Broker host name or address (default: localhost)")
      ->envname("MQ_HOST")
      ->type_name("HOST")
      ->group(group_connection);
  app.add_option("-p,--port", options.port, "Broker port (default: 1883, 8883 with TLS)")
      ->envname("MQ_PORT")
      ->type_name("PORT")
      ->group(group_connection);
  app.add_option("-L,--url", options.url,
                 "Broker URL: mqtt|mqtts|ws|wss://[user[:password]@]host[:port][/topic]")
      ->envname("MQ_URL")
      ->type_name("URL")
      ->group(group_connection);
  app.add_option("-V,--protocol-version", options.protocol_version,
                 "MQTT version: 31, 311 or 5 (also mqttv31, mqttv311, mqttv5; default: 311)")
      ->envname("MQ_PROTOCOL_VERSION")
      ->type_name("VERSION")
      ->check(CLI::IsMember({"31", "311", "5", "mqttv31", "mqttv311", "mqttv5"}))
      ->group(group_connection);
  app.add_option("-k,--keepalive", options.keepalive_seconds,
                 "Keepalive interval: seconds or a duration like 30s, 2m; 0 turns it off (default: 60)")
      ->envname("MQ_KEEPALIVE")
      ->type_name("DURATION")
      ->transform(duration_as_seconds())
      ->group(group_connection);
  app.add_option("--connect-timeout", options.connect_timeout,
                 "Give up connecting after this long, e.g. 5s or 500ms (default: 30s)")
      ->envname("MQ_CONNECT_TIMEOUT")
      ->type_name("DURATION")
      ->check(duration_check())
      ->group(group_connection);
  app.add_option("--ws-path", options.ws_path, "HTTP path of a websocket URL (default: /mqtt)")
      ->envname("MQ_WS_PATH")
      ->type_name("PATH")
      ->group(group_connection);

  app.add_option("-D,--property", options.property_words,
                 "MQTT 5 property: -D PACKET NAME VALUE, PACKET one of connect, publish, subscribe, unsubscribe, "
                 "disconnect, will (user-property takes NAME VALUE)")
      ->type_name("PACKET NAME VALUE")
      ->expected(3, 4)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->group(group_connection);
  app.add_option("-u,--username", options.username, "User name")
      ->envname("MQ_USERNAME")
      ->type_name("USER")
      ->group(group_authentication);
  app.add_option("-P,--pw", options.password,
                 "Password (wiped from the process's arguments; prefer --pw-file or MQ_PASSWORD)")
      ->envname("MQ_PW")
      ->type_name("PASSWORD")
      ->group(group_authentication);
  app.add_option("--pw-file", options.password_file, "Read the password from the first line of FILE")
      ->envname("MQ_PW_FILE")
      ->type_name("FILE")
      ->group(group_authentication);
  app.add_option("-i,--id", options.client_id, "Client id (default: <tool>-<pid>-<random>)")
      ->envname("MQ_ID")
      ->type_name("ID")
      ->group(group_authentication);
  app.add_option("-I,--id-prefix", options.id_prefix, "Client id prefix; the process id is appended")
      ->envname("MQ_ID_PREFIX")
      ->type_name("PREFIX")
      ->group(group_authentication);

  app.add_flag("-c,--disable-clean-session", options.disable_clean_session,
               "Keep the session when disconnected (needs -i): queued QoS 1/2 messages survive")
      ->envname("MQ_DISABLE_CLEAN_SESSION")
      ->group(group_session);
  app.add_option("-x,--session-expiry-interval", options.session_expiry,
                 "MQTT 5 session expiry: seconds, a duration, or -1 for never (implies -V 5)")
      ->envname("MQ_SESSION_EXPIRY_INTERVAL")
      ->type_name("SECONDS")
      ->group(group_session);
  app.add_option("--will-topic", options.will.topic, "Topic of the will message")
      ->envname("MQ_WILL_TOPIC")
      ->type_name("TOPIC")
      ->group(group_session);
  app.add_option("--will-payload", options.will.payload, "Payload of the will message")
      ->envname("MQ_WILL_PAYLOAD")
      ->type_name("PAYLOAD")
      ->group(group_session);
  app.add_option("--will-qos", options.will.qos, "QoS of the will message: 0, 1 or 2")
      ->envname("MQ_WILL_QOS")
      ->type_name("QOS")
      ->check(CLI::Range(0, 2))
      ->group(group_session);
  app.add_flag("--will-retain", options.will.retain, "Retain the will message")
      ->envname("MQ_WILL_RETAIN")
      ->group(group_session);

  app.add_option("--cafile", options.tls.cafile, "Trusted CA certificates (PEM); enables TLS")
      ->envname("MQ_CAFILE")
      ->type_name("FILE")
      ->group(group_tls);
  app.add_option("--capath", options.tls.capath, "Directory of trusted CA certificates (hashed PEM); enables TLS")
      ->envname("MQ_CAPATH")
      ->type_name("DIR")
      ->group(group_tls);
  app.add_option("--cert", options.tls.cert, "Client certificate (PEM) for brokers that require one")
      ->envname("MQ_CERT")
      ->type_name("FILE")
      ->group(group_tls);
  app.add_option("--key", options.tls.key, "Private key of --cert (PEM)")
      ->envname("MQ_KEY")
      ->type_name("FILE")
      ->group(group_tls);
  app.add_flag("--insecure", options.tls.insecure,
               "Do not check that the broker's certificate matches its host name (a warning is printed)")
      ->envname("MQ_INSECURE")
      ->group(group_tls);
  app.add_option("--tls-version", options.tls.tls_version, "Pin the TLS version: tlsv1.3, tlsv1.2 or tlsv1.1")
      ->envname("MQ_TLS_VERSION")
      ->type_name("VERSION")
      ->check(CLI::IsMember({"tlsv1.3", "tlsv1.2", "tlsv1.1"}))
      ->group(group_tls);
  app.add_option("--ciphers", options.tls.ciphers, "OpenSSL cipher list for TLS 1.2 and below")
      ->envname("MQ_CIPHERS")
      ->type_name("CIPHERS")
      ->group(group_tls);
  app.add_option("--tls-alpn", options.tls.alpn, "ALPN protocol to offer, e.g. mqtt or x-amzn-mqtt-ca")
      ->envname("MQ_TLS_ALPN")
      ->type_name("PROTOCOL")
      ->group(group_tls);
  app.add_flag("--tls-use-os-certs", options.tls.use_os_certs, "Trust the system's CA store; enables TLS")
      ->envname("MQ_TLS_USE_OS_CERTS")
      ->group(group_tls);
  app.add_option("--psk", options.tls.psk, "TLS pre-shared key, in hex; enables TLS-PSK")
      ->envname("MQ_PSK")
      ->type_name("HEX")
      ->group(group_tls);
  app.add_option("--psk-identity", options.tls.psk_identity, "Identity sent with --psk")
      ->envname("MQ_PSK_IDENTITY")
      ->type_name("IDENTITY")
      ->group(group_tls);

  app.add_option("--unix", options.unix_socket, "Connect through a unix domain socket instead of TCP")
      ->envname("MQ_UNIX")
      ->type_name("PATH")
      ->group(group_network);
  app.add_option("-A,--bind-address", options.bind_address, "Connect from this local address")
      ->envname("MQ_BIND_ADDRESS")
      ->type_name("ADDRESS")
      ->group(group_network);
  app.add_option("--proxy", options.proxy, "SOCKS5 proxy: socks5h://[user:pass@]host:port (or socks5://)")
      ->envname("MQ_PROXY")
      ->type_name("URL")
      ->group(group_network);
  app.add_flag("--nodelay", options.nodelay, "Disable Nagle's algorithm (TCP_NODELAY)")
      ->envname("MQ_NODELAY")
      ->group(group_network);

  app.add_flag("-d,--debug", options.debug, "Print MQTT packets sent and received on stderr (no payloads, no passwords)")
      ->envname("MQ_DEBUG")
      ->group(group_general);
  app.add_flag("--quiet", options.quiet, "Print no warnings or errors, only the exit status speaks")
      ->envname("MQ_QUIET")
      ->group(group_general);
}

}  // namespace mq::cli
