#include "test_server.hpp"

#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <stdexcept>

namespace pgshift::testing {
namespace {

// The standard output of a shell command, without its last newline. Throws when it fails.
std::string command_output(const std::string& command) {
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run: " + command);
    std::string output;
    std::array<char, 4096> buffer{};
    while (std::size_t read = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), read);
    if (pclose(pipe) != 0) throw std::runtime_error("failed: " + command);
    while (!output.empty() && output.back() == '\n') output.pop_back();
    return output;
}

}  // namespace

TestServer::TestServer(const std::string& source_dir) : source_dir_(source_dir) {
    if (const char* given = std::getenv("PGSHIFT_TEST_URL"); given && *given) {
        url_ = given;
        return;
    }
    char pattern[] = "/tmp/pgshift-test.XXXXXX";
    if (!mkdtemp(pattern)) throw std::runtime_error("cannot make a directory for the test server");
    own_dir_ = pattern;
    // A random port, as tests/server.sh picks one: the socket lives in own_dir_, the port names it.
    int port = 56000 + int(std::random_device{}() % 2000);
    url_ = command_output("PGSHIFT_PG_PORT=" + std::to_string(port) + " '" + source_dir_ + "/scripts/pg-test-server.sh' start '" + own_dir_ +
                          "'");
}

TestServer::~TestServer() {
    if (own_dir_.empty()) return;
    std::string command = "'" + source_dir_ + "/scripts/pg-test-server.sh' stop '" + own_dir_ + "'";
    if (std::system(command.c_str()) != 0) std::fprintf(stderr, "could not stop the test server in %s\n", own_dir_.c_str());
}

std::string TestServer::database_url(const std::string& name) const {
    // postgresql://user@host/DATABASE?options: the database is the path.
    if (auto scheme = url_.find("://"); scheme != std::string::npos) {
        std::size_t path = url_.find('/', scheme + 3);
        std::size_t end = url_.find('?', scheme + 3);
        if (path == std::string::npos || (end != std::string::npos && path > end)) path = end == std::string::npos ? url_.size() : end;
        std::size_t path_end = end == std::string::npos ? url_.size() : end;
        return url_.substr(0, path) + "/" + name + url_.substr(path_end);
    }
    // A key=value string: libpq takes the last dbname given.
    return url_ + " dbname=" + name;
}

}  // namespace pgshift::testing
