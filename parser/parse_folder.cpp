#include "parser/parse_folder.hpp"

#include <condition_variable>
#include <deque>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "parser/canonical/pg_query_tree.hpp"
#include "parser/source_text.hpp"

namespace pgshift {
namespace {

std::string read_file(const std::string& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) throw std::runtime_error(path + ": cannot read");
    std::ostringstream content;
    content << stream.rdbuf();
    return content.str();
}

struct ParsedFile {
    std::string path;
    std::string sql;
    std::unique_ptr<ParsedSql> tree;
    std::exception_ptr error;  // reading or parsing failed: rethrown when this file's turn comes
};

// Files are read and parsed on a second thread while the replay works through earlier files:
// parsing does not depend on the model, replay must go in order. A few files ahead at most.
class ParsePipeline {
public:
    explicit ParsePipeline(std::vector<MigrationFile> files) : files_(std::move(files)), worker_([this] { run(); }) {}
    ~ParsePipeline() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        changed_.notify_all();
        worker_.join();
    }

    std::size_t size() const { return files_.size(); }

    ParsedFile next() {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [this] { return !ready_.empty(); });
        ParsedFile file = std::move(ready_.front());
        ready_.pop_front();
        changed_.notify_all();
        return file;
    }

private:
    static constexpr std::size_t max_ahead = 4;

    void run() {
        for (const MigrationFile& source : files_) {
            ParsedFile file;
            file.path = source.path;
            try {
                file.sql = runnable_sql(source, read_file(source.path));
                require_sql_text(file.path, file.sql);
                file.tree = std::make_unique<ParsedSql>(file.sql);
            } catch (...) {
                file.error = std::current_exception();
            }
            std::unique_lock<std::mutex> lock(mutex_);
            changed_.wait(lock, [this] { return ready_.size() < max_ahead || stopping_; });
            if (stopping_) return;
            ready_.push_back(std::move(file));
            changed_.notify_all();
        }
    }

    std::vector<MigrationFile> files_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<ParsedFile> ready_;
    bool stopping_ = false;
    std::thread worker_;  // last: starts once everything above exists
};

}  // namespace

SchemaModel parse_sources(const std::vector<std::string>& inputs, const ReplayOptions& options, SchemaModel start,
                          std::vector<LayoutNote>* notes) {
    SchemaModel model = std::move(start);
    Replayer replayer(model, options);
    MigrationLayout layout = discover_layout(inputs);
    if (notes) notes->insert(notes->end(), layout.notes.begin(), layout.notes.end());
    ParsePipeline pipeline(std::move(layout.files));
    for (std::size_t i = 0; i < pipeline.size(); ++i) {
        ParsedFile file = pipeline.next();
        if (file.error) {
            try {
                std::rethrow_exception(file.error);
            } catch (const SqlSyntaxError& error) {
                SourcePosition position = position_of(file.sql, error.byte_offset());
                throw MigrationError(error.what(), {file.path, position.line, position.column, position.line_text});
            }
        }
        replayer.replay_parsed(file.path, file.sql, *file.tree);
    }
    return model;
}

SchemaModel parse_sql(const std::string& sql, const std::string& file_name, const ReplayOptions& options, SchemaModel start) {
    SchemaModel model = std::move(start);
    Replayer replayer(model, options);
    require_sql_text(file_name, sql);
    replayer.replay_file(file_name, sql);
    return model;
}

}  // namespace pgshift
