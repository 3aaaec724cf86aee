package io.bulwark.policy.detect.sql;

import io.bulwark.policy.detect.text.WordTable;

/**
 * The SQL words: those {@link SqlLexer} classifies tokens by (reserved words, logic operators,
 * notable functions), and those the judges of {@link SqlInjectionDetector} look for in the tokens
 * (statements, functions that give a probe away, catalogs, types, the objects DDL names).
 */
final class SqlWords {

  private SqlWords() {}

  static final WordTable KEYWORDS =
      new WordTable(
          "select", "from", "where", "union", "all", "distinct", "insert", "into", "values", "update",
          "set", "delete", "drop", "create", "alter", "table", "database", "schema", "exec",
          "execute", "declare", "waitfor", "delay", "time", "order", "group", "by", "having", "limit",
          "offset", "like", "rlike", "regexp", "in", "is", "null", "between", "case", "when", "then",
          "else", "end", "exists", "procedure", "analyse", "outfile", "dumpfile", "shutdown",
          "truncate", "grant", "revoke", "join", "inner", "outer", "cross", "natural", "on", "as",
          "asc", "desc", "true", "false", "top", "load", "infile", "handler", "call", "show",
          "describe", "pragma", "attach", "rename", "replace", "begin", "commit", "rollback",
          "cast", "convert", "collate", "escape", "with", "recursive", "returning", "sounds",
          "div", "mod", "user", "procedure", "function", "trigger", "view", "index", "column",
          "dual", "fetch", "rows", "only", "for", "using", "intersect", "except", "minus", "binary",
          "unhex", "char", "nchar", "varchar", "int", "integer", "declare", "copy", "program",
          "xp_cmdshell", "sp_executesql", "information_schema", "sysobjects", "syscolumns",
          "pg_catalog", "sqlite_master", "benchmark", "sleep", "pg_sleep", "if", "ifnull",
          "isnull", "nullif", "coalesce", "default", "primary", "key", "foreign", "references",
          "unique", "constraint", "password", "identified", "privileges");

  static final WordTable LOGIC = new WordTable("and", "or", "xor", "not");

  /** Functions that have no business in a form field: time delays, file access, error-based extraction. */
  static final WordTable DANGEROUS_FUNCTIONS =
      new WordTable(
          "sleep", "benchmark", "pg_sleep", "load_file", "extractvalue", "updatexml", "xp_cmdshell",
          "sys_eval", "sys_exec", "pg_read_file", "pg_ls_dir", "lo_import", "lo_export",
          "utl_http", "utl_inaddr", "dbms_pipe", "dbms_lock", "name_const", "group_concat",
          "concat_ws", "randomblob", "exp", "geometrycollection", "multipoint", "polygon",
          "linestring", "multilinestring", "multipolygon", "pg_sleep_for", "ctxsys", "dbms_utility",
          "dbms_xmlgen", "xmltype", "openrowset", "opendatasource", "sp_oacreate", "waitfor",
          "elt", "make_set", "json_keys", "gtid_subset");

  /**
   * Functions whose call in a value with SQL context gives a query away: reads of the server's identity
   * and metadata.
   */
  static final WordTable SQL_FUNCTIONS =
      new WordTable(
          "ascii", "substring", "substr", "mid", "char", "chr", "concat", "version", "user",
          "current_user", "session_user", "system_user", "database", "schema", "length", "len",
          "count", "if", "ifnull", "iif", "ord", "hex", "unhex", "cast", "convert", "exists",
          "select", "md5", "sha1", "rand", "floor", "row", "left", "right", "instr", "locate",
          "position", "strcmp", "char_length", "lower", "upper", "reverse", "nvl", "decode",
          "db_name", "user_name", "host_name", "suser_name", "is_srvrolemember", "ascii_str",
          "load_file", "bin", "oct", "conv", "lpad", "rpad", "trim", "replace", "repeat", "space",
          "min", "max", "sum", "avg", "now", "sysdate", "coalesce", "case", "nullif", "cot",
          "sin", "cos", "tan", "abs", "power", "sqrt", "pi", "greatest", "least", "field",
          "find_in_set", "json_extract", "xmlelement", "xmlagg", "to_char", "to_number",
          "utl_raw", "dbms_xmlgen", "pg_sleep", "sleep", "benchmark", "extractvalue",
          "updatexml", "group_concat", "concat_ws", "elt", "make_set", "row_count", "found_rows",
          "last_insert_id", "connection_id", "uuid", "schema_name", "table_name", "column_name",
          "current_database", "current_schema", "inet_server_addr", "pg_read_file", "sqlite_version",
          "char_length", "octet_length", "bit_length", "soundex", "quote", "unicode", "glob",
          "randomblob", "zeroblob", "typeof", "hex", "printf", "iif", "exp", "exec", "execute",
          "compress", "uncompress", "pow", "rtrim", "ltrim", "insert", "lo_get", "div", "uncompressed_length",
          "aes_encrypt", "aes_decrypt", "des_encrypt", "encode", "sha2", "crc32", "benchmark");

  /** Words that begin a statement: after a {@code ;} they stack a second query. */
  static final WordTable STATEMENTS =
      new WordTable(
          "select", "insert", "update", "delete", "drop", "create", "alter", "exec", "execute",
          "declare", "shutdown", "truncate", "waitfor", "grant", "revoke", "call", "load", "rename",
          "replace", "copy", "handler", "show", "describe", "pragma", "attach", "set", "begin",
          "commit", "rollback", "with", "use", "merge", "backup", "restore", "kill", "lock", "sleep");

  /**
   * Functions no language but SQL names (PostgreSQL large objects, MySQL DIV as a call): a whole call
   * of one is a probe.
   */
  static final WordTable SQL_ONLY_FUNCTIONS =
      new WordTable(
          "div", "lo_get", "lo_put", "lo_import", "lo_export", "lo_from_bytea", "lo_creat",
          "lo_create", "lo_unlink", "find_in_set", "pg_read_file", "pg_read_binary_file",
          "pg_ls_dir", "sys_eval", "sys_exec", "pg_sleep", "make_set", "name_const", "extractvalue",
          "updatexml");

  /** Functions that read files, run commands, wait or leak data: called with SQL around them, a probe. */
  static final WordTable STRONG_FUNCTIONS =
      new WordTable(
          "load_file", "extractvalue", "updatexml", "xp_cmdshell", "sys_eval", "sys_exec",
          "pg_read_file", "pg_ls_dir", "lo_import", "lo_export", "utl_http", "utl_inaddr",
          "dbms_pipe", "dbms_lock", "name_const", "group_concat", "concat_ws", "pg_sleep",
          "pg_sleep_for", "benchmark", "ctxsys", "dbms_utility", "dbms_xmlgen", "openrowset",
          "opendatasource", "sp_oacreate", "gtid_subset", "xp_regread", "xp_dirtree", "sp_executesql",
          "sp_makewebtask", "sp_password", "dbms_java", "sysdate_sleep", "waitfor");

  /** Functions that make the server wait: the probes of time-based blind injection. */
  static final WordTable TIME_FUNCTIONS =
      new WordTable("sleep", "benchmark", "pg_sleep", "pg_sleep_for", "randomblob", "dbms_lock", "dbms_pipe");

  /** System catalogs and tables that list a database's schema, users and objects. */
  static final WordTable CATALOGS =
      new WordTable(
          "information_schema", "sysobjects", "syscolumns", "sysusers", "sysdatabases",
          "sqlite_master", "sqlite_schema", "pg_shadow", "pg_user", "pg_catalog", "pg_tables",
          "msysobjects", "msysaccessobjects", "all_tables", "all_tab_columns", "user_tables",
          "dba_users", "mysql.user", "mysql.db", "sys.tables", "sys.objects", "master..sysdatabases",
          "tempdb", "msdb", "schema_name", "pg_namespace", "pg_proc", "pg_largeobject");

  /** The types a PostgreSQL cast names: {@code '{..}'::jsonb}, {@code password::int}. */
  static final WordTable SQL_TYPES =
      new WordTable(
          "int", "int2", "int4", "int8", "integer", "bigint", "smallint", "text", "varchar", "char",
          "json", "jsonb", "bool", "boolean", "numeric", "decimal", "float", "float4", "float8", "double",
          "real", "regclass", "regproc", "oid", "bytea", "date", "timestamp", "timestamptz", "inet",
          "uuid", "xml", "money", "interval", "tsvector", "name");

  /** What DDL creates, alters and drops: {@code CREATE TABLE}, {@code DROP USER}. */
  static final WordTable OBJECT_KINDS =
      new WordTable(
          "table", "database", "schema", "user", "procedure", "function", "trigger", "view", "index",
          "column", "login", "role", "temporary");
}
