// fmt's compiled part, built into mq_core instead of linking Debian's libfmt.so: that shared library needs
// libstdc++.so, and the tools link libstdc++ statically (MQ_STATIC_CXX_RUNTIME) because loading and
// relocating libstdc++.so costs about 1.4 ms of every start here, a fifth of a one-shot publish.
// Compiling all of fmt header-only in every translation unit instead would add ~4 s of compile time to
// each of the ~60 that format. Only this file sees the definitions; the others use fmt's declarations.
#include <fmt/format-inl.h>

// The templates fmt's headers declare `extern` for char (locale-dependent number formatting, the
// shortest float representation) need one explicit instantiation here.
FMT_BEGIN_NAMESPACE
namespace detail {
template FMT_API auto thousands_sep_impl<char>(locale_ref) -> thousands_sep_result<char>;
template FMT_API auto decimal_point_impl<char>(locale_ref) -> char;
template FMT_API auto dragonbox::to_decimal<float>(float value) noexcept -> dragonbox::decimal_fp<float>;
template FMT_API auto dragonbox::to_decimal<double>(double value) noexcept -> dragonbox::decimal_fp<double>;
}  // namespace detail
FMT_END_NAMESPACE
