#include "workflow/local_cluster.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>

#include "workflow/session.hpp"

namespace fs = std::filesystem;

namespace pgshift {
namespace {

constexpr const char* template_database = "pgshift_platform";

std::string read_text(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    std::ostringstream content;
    content << stream.rdbuf();
    return content.str();
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream stream(path, std::ios::binary | std::ios::trunc);
    stream << text;
    if (!stream) throw ClusterError("cannot write " + path.string());
}

std::string trimmed(std::string text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    return text;
}

// The folder holding initdb and pg_ctl: $PGSHIFT_PG_BINDIR, the newest /usr/lib/postgresql/N/bin,
// or where pg_ctl is on the PATH.
fs::path postgres_bindir() {
    if (const char* given = std::getenv("PGSHIFT_PG_BINDIR")) return given;
    std::error_code error;
    int best = 0;
    fs::path found;
    if (fs::is_directory("/usr/lib/postgresql", error))
        for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql")) {
            int version = std::atoi(entry.path().filename().c_str());
            if (version > best && fs::exists(entry.path() / "bin" / "initdb", error)) best = version, found = entry.path() / "bin";
        }
    if (!found.empty()) return found;
    if (const char* path = std::getenv("PATH")) {
        std::istringstream folders(path);
        std::string folder;
        while (std::getline(folders, folder, ':'))
            if (fs::exists(fs::path(folder) / "pg_ctl", error)) return fs::canonical(fs::path(folder) / "pg_ctl", error).parent_path();
    }
    throw ClusterError("PostgreSQL's initdb and pg_ctl were not found: install PostgreSQL (Debian: apt-get install postgresql-15) "
                       "or set PGSHIFT_PG_BINDIR to the folder that holds them");
}

// PostgreSQL refuses to run as root: as root, the server's files and processes belong to `postgres`.
const passwd* server_user() {
    if (geteuid() != 0) return nullptr;
    const passwd* user = getpwnam("postgres");
    if (!user)
        throw ClusterError("PostgreSQL refuses to run as root, and this machine has no `postgres` user to run it as: create one "
                           "(useradd --system --create-home postgres) or run pgshift as another user");
    return user;
}

// Runs `arguments` (as the server's user when root), output into `log`; the exit status.
int run_tool(const std::vector<std::string>& arguments, const fs::path& log) {
    const passwd* user = server_user();
    pid_t child = fork();
    if (child < 0) throw ClusterError(std::string("cannot start ") + arguments[0] + ": " + std::strerror(errno));
    if (child == 0) {
        int output = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (output >= 0) {
            dup2(output, 1);
            dup2(output, 2);
            close(output);
        }
        int devnull = open("/dev/null", O_RDONLY);
        if (devnull >= 0) dup2(devnull, 0);
        if (user && (setgid(user->pw_gid) != 0 || initgroups(user->pw_name, user->pw_gid) != 0 || setuid(user->pw_uid) != 0)) _exit(126);
        std::vector<char*> argv;
        for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

// Whether the server's user can write into `folder` (as root, a project under /root may not be).
bool server_user_can_write(const fs::path& folder) {
    const passwd* user = server_user();
    if (!user) return true;
    pid_t child = fork();
    if (child == 0) {
        if (setgid(user->pw_gid) != 0 || initgroups(user->pw_name, user->pw_gid) != 0 || setuid(user->pw_uid) != 0) _exit(1);
        _exit(access(folder.c_str(), W_OK | X_OK) == 0 ? 0 : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void give_to_server_user(const fs::path& path) {
    const passwd* user = server_user();
    if (!user) return;
    if (chown(path.c_str(), user->pw_uid, user->pw_gid) != 0)
        throw ClusterError("cannot give " + path.string() + " to the postgres user: " + std::strerror(errno));
}

bool port_is_free(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(std::uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool free = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    close(fd);
    return free;
}

std::size_t path_hash(const std::string& text) { return std::hash<std::string>{}(text); }

std::string tail_of_log(const fs::path& log) {
    std::string text = read_text(log);
    if (text.size() > 2000) text = "..." + text.substr(text.size() - 2000);
    return trimmed(text);
}

void run_sql(Session& session, std::string_view sql, const std::string& what) {
    if (auto failure = session.run_script(std::string(sql)))
        throw ClusterError(what + " failed: " + failure->error.severity + ": " + failure->error.message +
                           (failure->error.sqlstate.empty() ? "" : " (SQLSTATE " + failure->error.sqlstate + ")"));
}

std::vector<std::string> role_names(Session& session) {
    std::vector<std::string> names;
    for (const Row& row : session.query("SELECT rolname FROM pg_roles ORDER BY 1")) names.push_back(row[0].value_or(""));
    return names;
}

void add_to_gitignore(const fs::path& root) {
    fs::path gitignore = root / ".gitignore";
    std::string text = read_text(gitignore);
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line))
        if (trimmed(line) == ".pgshift/" || trimmed(line) == ".pgshift" || trimmed(line) == "/.pgshift/" || trimmed(line) == "/.pgshift") return;
    std::ofstream stream(gitignore, std::ios::binary | std::ios::app);
    if (!text.empty() && text.back() != '\n') stream << "\n";
    stream << "# pgshift's local database (pgshift db start)\n.pgshift/\n";
}

}  // namespace

std::string LocalCluster::url(const std::string& database) const {
    return "postgresql://postgres@/" + database + "?host=" + socket_dir + "&port=" + std::to_string(port);
}

LocalCluster local_cluster(const std::string& project_root, int port) {
    LocalCluster cluster;
    fs::path root = fs::absolute(project_root).lexically_normal();
    if (root.filename().empty()) root = root.parent_path();
    cluster.root = root.string();
    cluster.directory = (root / ".pgshift").string();
    std::string elsewhere = trimmed(read_text(root / ".pgshift" / "server_dir"));
    cluster.server_dir = elsewhere.empty() ? cluster.directory : elsewhere;
    cluster.data = (fs::path(cluster.server_dir) / "data").string();
    std::string socket_dir = (fs::path(cluster.server_dir) / "run").string();
    // A unix socket's path holds at most 107 bytes: a long project path gets a short folder.
    if (socket_dir.size() + std::strlen("/.s.PGSQL.65535") > 100) {
        char name[64];
        std::snprintf(name, sizeof name, "/tmp/pgshift-%016zx", path_hash(cluster.root));
        socket_dir = name;
    }
    cluster.socket_dir = socket_dir;
    std::string recorded = trimmed(read_text(root / ".pgshift" / "port"));
    if (!recorded.empty()) {
        cluster.port = std::atoi(recorded.c_str());
    } else if (port) {
        cluster.port = port;
    } else {
        int first = 54400 + int(path_hash(cluster.root) % 500);
        for (int candidate = first; candidate < first + 200 && !cluster.port; ++candidate)
            if (port_is_free(candidate)) cluster.port = candidate;
        if (!cluster.port) cluster.port = first;
    }
    return cluster;
}

ClusterStatus cluster_status(const LocalCluster& cluster) {
    ClusterStatus status;
    std::error_code error;
    status.initialized = fs::exists(fs::path(cluster.data) / "PG_VERSION", error);
    status.server_version = trimmed(read_text(fs::path(cluster.data) / "PG_VERSION"));
    status.platform = trimmed(read_text(fs::path(cluster.directory) / "platform"));
    std::string pid_file = read_text(fs::path(cluster.data) / "postmaster.pid");
    if (!pid_file.empty()) {
        int pid = std::atoi(pid_file.c_str());
        if (pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)) {
            status.running = true;
            status.pid = pid;
        }
    }
    return status;
}

std::optional<std::string> running_cluster_url(const std::string& project_root) {
    std::error_code error;
    if (!fs::is_directory(fs::path(project_root) / ".pgshift", error)) return std::nullopt;
    LocalCluster cluster = local_cluster(project_root);
    if (!cluster_status(cluster).running) return std::nullopt;
    return cluster.url();
}

ClusterStatus start_cluster(LocalCluster& cluster, const std::optional<PlatformSetup>& platform, const StartEvents& events) {
    fs::path directory(cluster.directory);
    fs::path bindir = postgres_bindir();
    auto step = [&](const std::string& text) {
        if (events.step) events.step(text);
    };
    std::error_code error;
    fs::create_directories(directory, error);
    if (error) throw ClusterError("cannot create " + directory.string() + ": " + error.message());
    add_to_gitignore(cluster.root);
    give_to_server_user(directory);
    if (cluster.server_dir == cluster.directory && !server_user_can_write(directory)) {
        // As root in a folder the postgres user cannot reach: the server's files go to a folder
        // of their own, named from the project's path and recorded in .pgshift/server_dir.
        char name[64];
        std::snprintf(name, sizeof name, "/var/tmp/pgshift-%016zx", path_hash(cluster.root));
        fs::create_directories(name, error);
        if (error) throw ClusterError(std::string("cannot create ") + name + ": " + error.message());
        chmod(name, 0700);
        give_to_server_user(name);
        if (!server_user_can_write(name)) throw ClusterError(std::string("the postgres user cannot write into ") + name);
        write_text(directory / "server_dir", std::string(name) + "\n");
        cluster = local_cluster(cluster.root, cluster.port);
    }
    fs::path data(cluster.data), log = fs::path(cluster.server_dir) / "server.log";
    fs::create_directories(cluster.socket_dir, error);
    give_to_server_user(cluster.socket_dir);
    ClusterStatus status = cluster_status(cluster);
    bool fresh = !status.initialized;
    if (fresh) {
        step("initdb");
        fs::remove_all(data, error);
        fs::path initdb_log = fs::path(cluster.server_dir) / "initdb.log";
        int code = run_tool({(bindir / "initdb").string(), "-D", data.string(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                             "--locale=C.UTF-8", "--no-instructions"},
                            initdb_log);
        if (code != 0) throw ClusterError("initdb failed:\n" + tail_of_log(initdb_log));
        // Local only: the socket and the loopback address. A throwaway cluster needs no fsync.
        std::ofstream conf(data / "postgresql.conf", std::ios::app);
        conf << "\n# pgshift db start\nlisten_addresses = '127.0.0.1'\nport = " << cluster.port << "\nunix_socket_directories = '"
             << cluster.socket_dir << "'\nfsync = off\nfull_page_writes = off\nmax_connections = 40\n";
        conf.close();
        write_text(directory / "port", std::to_string(cluster.port) + "\n");
    }
    if (!status.running) {
        step("starting PostgreSQL " + trimmed(read_text(data / "PG_VERSION")) + " on port " + std::to_string(cluster.port));
        int code = run_tool({(bindir / "pg_ctl").string(), "-D", data.string(), "-l", log.string(), "-w", "-t", "60", "start"},
                            fs::path(cluster.server_dir) / "pg_ctl.log");
        if (code != 0) throw ClusterError("the server did not start:\n" + tail_of_log(log));
    }
    if (fresh) {
        {
            Session session(cluster.url());
            if (platform) {
                step("installing the " + platform->name + " platform (" + platform->version + ")");
                run_sql(session, platform->setup_sql, "installing the " + platform->name + " platform's roles");
                run_sql(session, platform->schema_sql, "installing the " + platform->name + " platform's schemas");
            }
            std::string roles;
            for (const std::string& role : role_names(session)) roles += role + "\n";
            write_text(directory / "roles", roles);
        }
        Session session(cluster.url("template1"));
        session.query(std::string("DROP DATABASE IF EXISTS ") + template_database);
        session.query(std::string("CREATE DATABASE ") + template_database + " TEMPLATE postgres");
        write_text(directory / "platform", platform ? platform->name + " " + platform->version + "\n" : "none\n");
    }
    return cluster_status(cluster);
}

void stop_cluster(const LocalCluster& cluster, bool remove) {
    ClusterStatus status = cluster_status(cluster);
    if (status.running) {
        fs::path log = fs::path(cluster.server_dir) / "pg_ctl.log";
        int code = run_tool({(postgres_bindir() / "pg_ctl").string(), "-D", cluster.data, "-m", "fast", "-w", "stop"}, log);
        if (code != 0) throw ClusterError("the server did not stop:\n" + tail_of_log(log));
    }
    if (remove) {
        std::error_code error;
        fs::remove_all(cluster.directory, error);
        if (cluster.server_dir != cluster.directory) fs::remove_all(cluster.server_dir, error);
        if (cluster.socket_dir.rfind("/tmp/pgshift-", 0) == 0) fs::remove_all(cluster.socket_dir, error);
    }
}

void reset_cluster_database(const LocalCluster& cluster, const std::optional<PlatformSetup>& platform) {
    {
        Session session(cluster.url("template1"));
        if (!session.value("SELECT 1 FROM pg_database WHERE datname = $1", {std::string(template_database)}))
            throw ClusterError("the local database has no copy of its first state (" + std::string(template_database) +
                               "): make it again with `pgshift db stop --remove` and `pgshift db start`");
        session.query("DROP DATABASE IF EXISTS postgres WITH (FORCE)");
        // Roles are the cluster's: those the migrations made go too, as a new cluster has none.
        std::vector<std::string> kept;
        std::istringstream lines(read_text(fs::path(cluster.directory) / "roles"));
        for (std::string line; std::getline(lines, line);)
            if (!line.empty()) kept.push_back(line);
        if (!kept.empty())
            for (const std::string& role : role_names(session))
                if (std::find(kept.begin(), kept.end(), role) == kept.end()) {
                    std::string quoted = "\"";
                    for (char c : role) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
                    quoted += "\"";
                    session.query("DROP ROLE IF EXISTS " + quoted);
                }
        session.query(std::string("CREATE DATABASE postgres TEMPLATE ") + template_database);
    }
    // Settings of the database (its search_path, roles' settings in it) are not copied from a template.
    if (platform) {
        Session session(cluster.url());
        run_sql(session, platform->setup_sql, "the " + platform->name + " platform's settings");
    }
}

bool is_local_connection(const std::string& connection) {
    // libpq's own reading of the string (URI or key=value, percent-decoding, several hosts),
    // then what libpq falls back to: $PGHOST, $PGHOSTADDR, else its default unix socket.
    char* error = nullptr;
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfoParse(connection.c_str(), &error), PQconninfoFree);
    if (error) PQfreemem(error);
    if (!options) return false;
    std::string host, hostaddr;
    for (const PQconninfoOption* option = options.get(); option->keyword; ++option) {
        if (!option->val) continue;
        if (std::strcmp(option->keyword, "host") == 0) host = option->val;
        if (std::strcmp(option->keyword, "hostaddr") == 0) hostaddr = option->val;
    }
    if (host.empty() && std::getenv("PGHOST")) host = std::getenv("PGHOST");
    if (hostaddr.empty() && std::getenv("PGHOSTADDR")) hostaddr = std::getenv("PGHOSTADDR");
    auto on_this_machine = [](const std::string& name) {
        if (name.empty() || name[0] == '/' || name[0] == '@') return true;  // a unix socket (or an abstract one)
        return name == "localhost" || name.rfind("127.", 0) == 0 || name == "::1";
    };
    // hostaddr, when given, is where libpq connects; host is then only a name.
    std::stringstream hosts(hostaddr.empty() ? host : hostaddr);
    std::string item;
    bool any = false;
    while (std::getline(hosts, item, ',')) {
        any = true;
        if (!on_this_machine(item)) return false;
    }
    return any || on_this_machine("");
}

}  // namespace pgshift
