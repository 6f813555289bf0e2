#include "model/secret_options.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace pgshift {

bool is_secret_option(const std::string& option) {
    std::string name = option.substr(0, option.find('='));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    constexpr std::array<std::string_view, 4> words = {"password", "secret", "token", "key"};
    return std::any_of(words.begin(), words.end(), [&](std::string_view word) { return name.find(word) != std::string::npos; });
}

std::string masked_option(const std::string& option) {
    return is_secret_option(option) ? option.substr(0, option.find('=')) + "=********" : option;
}

std::vector<std::string> masked_options(const std::vector<std::string>& options) {
    std::vector<std::string> masked;
    masked.reserve(options.size());
    for (const std::string& option : options) masked.push_back(masked_option(option));
    return masked;
}

}  // namespace pgshift
