// OPTIONS (...) that hold credentials: a user mapping's password, a server's API key. pgshift
// compares them but never prints their values (reports, the model's JSON, plans).
#pragma once

#include <string>
#include <vector>

namespace pgshift {

// Whether an option "name=value" (or a bare name) holds a credential: its name has password,
// secret, token or key in it (password, api_key, passfile is not: it names a file).
bool is_secret_option(const std::string& option);
// "name=********" for a secret option, the option itself otherwise.
std::string masked_option(const std::string& option);
std::vector<std::string> masked_options(const std::vector<std::string>& options);

}  // namespace pgshift
