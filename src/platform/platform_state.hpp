// The state a project's migrations are replayed on when a database is on the other side: that
// database's own platform objects, whatever the platform's version, less what users added to them.
#pragma once

#include "model/model.hpp"
#include "platform/platform.hpp"

namespace pgshift {

// The platform part of `database` (a model read from a database), as docs/platform.md states:
// - the managed schemas and everything in them, and the extensions that live there;
// - not the policies on platform tables (the platform creates none), nor the triggers whose
//   function lives outside the table's own schema (webhooks, handle_new_user on auth.users);
// - privileges, row level security and comments: the description's where the platform described
//   made the database's (every object it has is there with its owner and definition), else the
//   database's own (another installer: a stand-in, another version of the platform);
// - default privileges: in the managed schemas the database's; in the project's schemas, for
//   the keys the description has, the description's for the migrations' role where the
//   platform is the one described, else the database's;
// - the public schema's privileges: the same way.
// - publications: the description's (supabase_realtime) and those that publish only tables of
//   managed schemas, with only those members.
SchemaModel platform_state(const SchemaModel& database, const PlatformDescription& platform);

}  // namespace pgshift
