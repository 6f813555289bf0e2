// A throwaway PostgreSQL cluster for one project, without Docker: in <project>/.pgshift/ (which
// the VCS is told to ignore), started from the machine's initdb and pg_ctl, listening on a unix
// socket and on the loopback address only, with the project's platform installed (Supabase's
// roles, schemas, auth and storage) from pgshift's own description. A copy of the database as
// the platform left it (the template pgshift_platform) is what `db reset` returns to.
#pragma once

#include <functional>
#include <stdexcept>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgshift {

// What a platform adds to a new cluster: SQL run as the superuser, in order.
struct PlatformSetup {
    std::string name;     // "supabase"
    std::string version;  // shown by `db status`
    std::string_view setup_sql;   // roles and the database's settings
    std::string_view schema_sql;  // the schemas and their objects
};

struct LocalCluster {
    std::string root;        // the project's root
    std::string directory;   // <root>/.pgshift
    std::string data;        // the data directory
    // Where the server's own files are (the data directory, its log): .pgshift/, or a folder of
    // its own under /var/tmp when the server's user cannot reach the project (root's projects).
    std::string server_dir;
    std::string socket_dir;  // where the unix socket is (a short path under /tmp when the project's is too long)
    int port = 0;
    std::string url(const std::string& database = "postgres") const;
};

struct ClusterStatus {
    bool initialized = false;
    bool running = false;
    int pid = 0;
    std::string server_version;  // "15.8"
    std::string platform;        // "supabase <version>", "none"
};

class ClusterError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The project's cluster (it may not exist yet). The port is the one recorded in .pgshift/port,
// else `port`, else a free one chosen from the project's path.
LocalCluster local_cluster(const std::string& project_root, int port = 0);
ClusterStatus cluster_status(const LocalCluster& cluster);
// The URL of the project's cluster when it runs, else nullopt.
std::optional<std::string> running_cluster_url(const std::string& project_root);

struct StartEvents {
    std::function<void(const std::string& step)> step;  // "initdb", "starting", "installing the supabase platform"
};

// Creates the cluster when it does not exist, starts it when it does not run. As root, the
// server runs as the `postgres` user (PostgreSQL refuses root). Throws ClusterError with the
// tools' own messages.
ClusterStatus start_cluster(LocalCluster& cluster, const std::optional<PlatformSetup>& platform, const StartEvents& events = {});
// Stops it (fast shutdown); `remove` deletes .pgshift/ as well.
void stop_cluster(const LocalCluster& cluster, bool remove);

// Returns the cluster's database to the platform's state: dropped and made again from the
// template saved when the platform was installed. Throws ClusterError.
void reset_cluster_database(const LocalCluster& cluster, const std::optional<PlatformSetup>& platform);

// Whether a connection string (with libpq's environment defaults) names a server on this machine:
// a unix socket, localhost, 127.x, ::1; every host of a list.
bool is_local_connection(const std::string& connection);

}  // namespace pgshift
