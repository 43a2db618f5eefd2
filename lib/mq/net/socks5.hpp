#pragma once
// SOCKS5 client messages (RFC 1928, user/password from RFC 1929) as pure functions, so every byte the
// proxy sees and every answer we accept is unit-tested without a socket.
#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace mq::net::socks5 {

using Bytes = std::vector<std::uint8_t>;

enum class Method : std::uint8_t { no_authentication = 0x00, user_password = 0x02 };

// The first message: the methods we can do. User/password is offered only when we have credentials.
Bytes greeting(bool have_credentials);

// The proxy's 2-byte method choice, checked against what we offered.
tl::expected<Method, std::string> parse_method_choice(std::span<const std::uint8_t> reply,
                                                      bool have_credentials);

// RFC 1929 request; each field must be 1 to 255 bytes.
tl::expected<Bytes, std::string> user_password_request(std::string_view user, std::string_view password);

// RFC 1929 2-byte status: anything but 0 means the proxy rejected the credentials.
tl::expected<void, std::string> parse_user_password_reply(std::span<const std::uint8_t> reply);

// CONNECT with the destination as a name (ATYP 3): socks5h, the proxy resolves it.
tl::expected<Bytes, std::string> connect_request_for_name(std::string_view host, std::uint16_t port);

// CONNECT with the destination as an address (ATYP 1 or 4): socks5, we resolved it. The port comes from the
// sockaddr; other families are an error.
tl::expected<Bytes, std::string> connect_request_for_address(const sockaddr* address);

// Enough of a CONNECT reply to know its size (VER REP RSV ATYP and one more byte).
inline constexpr std::size_t reply_head_size = 5;

// Checks the head of a CONNECT reply and returns the full reply's size, which depends on the bound address
// type. The reply code (head[1]) is judged separately, with reply_text().
tl::expected<std::size_t, std::string> connect_reply_size(std::span<const std::uint8_t> head);

// RFC 1928 reply codes in words ("connection refused by destination" for 5).
std::string reply_text(std::uint8_t code);

// The errno a failed connect() reports for a reply code, so callers that only see errno still get the gist.
int reply_errno(std::uint8_t code);

}  // namespace mq::net::socks5
