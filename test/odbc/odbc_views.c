/*
 * odbc_views.c -- the reporting views as a BI tool sees them through
 * psqlODBC, printed as TAP.
 *
 *	odbc_views VIEW...
 *
 * Connects with the PostgreSQL Unicode driver to the server named by the
 * usual PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD variables.  For
 * each view in schema fms: the view has remarks (SQLTables); every column
 * reaches the client as a standard ODBC SQL type with remarks (SQLColumns);
 * and its rows can be fetched as text.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sql.h>
#include <sqlext.h>

static int	test_no = 0;
static int	failures = 0;

static void report(int ok, const char *fmt,...) __attribute__((format(printf, 2, 3)));

static void
report(int ok, const char *fmt,...)
{
	va_list		args;

	printf("%s %d - ", ok ? "ok" : "not ok", ++test_no);
	va_start(args, fmt);
	vprintf(fmt, args);
	va_end(args);
	putchar('\n');
	if (!ok)
		failures++;
}

static void
print_diagnostics(SQLSMALLINT type, SQLHANDLE handle)
{
	SQLCHAR		state[6];
	SQLCHAR		text[512];
	SQLINTEGER	native;
	SQLSMALLINT len;

	for (SQLSMALLINT i = 1;
		 SQLGetDiagRec(type, handle, i, state, &native, text, sizeof(text), &len) == SQL_SUCCESS;
		 i++)
		printf("# %s %s\n", state, text);
}

/* The SQL types a BI tool maps to text, numbers, dates and booleans. */
static const char *
standard_type_name(SQLSMALLINT type)
{
	switch (type)
	{
		case SQL_CHAR: return "SQL_CHAR";
		case SQL_VARCHAR: return "SQL_VARCHAR";
		case SQL_LONGVARCHAR: return "SQL_LONGVARCHAR";
		case SQL_WCHAR: return "SQL_WCHAR";
		case SQL_WVARCHAR: return "SQL_WVARCHAR";
		case SQL_WLONGVARCHAR: return "SQL_WLONGVARCHAR";
		case SQL_SMALLINT: return "SQL_SMALLINT";
		case SQL_INTEGER: return "SQL_INTEGER";
		case SQL_BIGINT: return "SQL_BIGINT";
		case SQL_NUMERIC: return "SQL_NUMERIC";
		case SQL_DECIMAL: return "SQL_DECIMAL";
		case SQL_DOUBLE: return "SQL_DOUBLE";
		case SQL_TYPE_DATE: return "SQL_TYPE_DATE";
		case SQL_TYPE_TIMESTAMP: return "SQL_TYPE_TIMESTAMP";
		case SQL_BIT: return "SQL_BIT";
		default: return NULL;
	}
}

/*
 * psqlODBC reports a type it does not know (a domain-less custom type, a
 * range) as SQL_VARCHAR too, so the PostgreSQL type name must be a
 * built-in one as well.
 */
static int
is_builtin_type_name(const char *name)
{
	static const char *const builtin[] = {
		"text", "varchar", "bpchar", "int2", "int4", "int8", "numeric", "float8",
		"date", "timestamp", "timestamptz", "bool"
	};

	for (size_t i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
		if (strcmp(name, builtin[i]) == 0)
			return 1;
	return 0;
}

static SQLCHAR *
column_text(SQLHSTMT stmt, SQLUSMALLINT col, SQLCHAR *buf, SQLLEN size)
{
	SQLLEN		len;

	if (!SQL_SUCCEEDED(SQLGetData(stmt, col, SQL_C_CHAR, buf, size, &len)) || len == SQL_NULL_DATA)
		buf[0] = '\0';
	return buf;
}

/*
 * The description of a view (column 0) or of one of its columns, from
 * PostgreSQL's comments; empty if there is none.
 */
static void
description_of(SQLHDBC dbc, const char *view, const char *column, SQLCHAR *buf, SQLLEN size)
{
	SQLHSTMT	stmt;
	SQLLEN		nts = SQL_NTS;

	buf[0] = '\0';
	SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
	SQLBindParameter(stmt, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 200, 0, (SQLPOINTER) column, 0, &nts);
	SQLBindParameter(stmt, 2, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 200, 0, (SQLPOINTER) column, 0, &nts);
	SQLBindParameter(stmt, 3, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 200, 0, (SQLPOINTER) view, 0, &nts);
	if (SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR *)
									"SELECT CASE WHEN ? = '' THEN obj_description(c.oid, 'pg_class')"
									" ELSE col_description(c.oid, a.attnum) END"
									"  FROM pg_class AS c"
									"  JOIN pg_namespace AS n ON n.oid = c.relnamespace"
									"  LEFT JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attname = ?"
									" WHERE n.nspname = 'fms' AND c.relname = ?", SQL_NTS)) &&
		SQL_SUCCEEDED(SQLFetch(stmt)))
		column_text(stmt, 1, buf, size);
	else
		print_diagnostics(SQL_HANDLE_STMT, stmt);
	SQLFreeHandle(SQL_HANDLE_STMT, stmt);
}

static void
check_view_is_listed(SQLHDBC dbc, const char *view)
{
	SQLHSTMT	stmt;
	SQLCHAR		description[1024];
	int			found;

	SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
	found = SQL_SUCCEEDED(SQLTables(stmt, NULL, 0, (SQLCHAR *) "fms", SQL_NTS, (SQLCHAR *) view, SQL_NTS,
									(SQLCHAR *) "VIEW", SQL_NTS)) &&
		SQL_SUCCEEDED(SQLFetch(stmt));
	SQLFreeHandle(SQL_HANDLE_STMT, stmt);
	description_of(dbc, view, "", description, sizeof(description));
	report(found && description[0] != '\0', "fms.%s is a view with a description: %s", view, (char *) description);
}

static void
check_columns_of_view(SQLHDBC dbc, const char *view)
{
	SQLHSTMT	stmt;
	int			columns = 0;

	SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
	if (!SQL_SUCCEEDED(SQLColumns(stmt, NULL, 0, (SQLCHAR *) "fms", SQL_NTS, (SQLCHAR *) view, SQL_NTS, NULL, 0)))
		print_diagnostics(SQL_HANDLE_STMT, stmt);
	while (SQL_SUCCEEDED(SQLFetch(stmt)))
	{
		SQLCHAR		name[256], type_name[256], description[1024];
		SQLSMALLINT data_type = 0;
		const char *sql_type;
		char		label[600];

		column_text(stmt, 4, name, sizeof(name));
		SQLGetData(stmt, 5, SQL_C_SSHORT, &data_type, 0, NULL);
		column_text(stmt, 6, type_name, sizeof(type_name));
		description_of(dbc, view, (char *) name, description, sizeof(description));
		sql_type = standard_type_name(data_type);
		snprintf(label, sizeof(label), "%s.%s: %s (%s)", view, (char *) name,
				 sql_type ? sql_type : "not a standard SQL type", (char *) type_name);
		report(sql_type != NULL && is_builtin_type_name((char *) type_name) && description[0] != '\0',
			   "fms.%s, %s", label, (char *) description);
		columns++;
	}
	report(columns > 0, "fms.%s has columns", view);
	SQLFreeHandle(SQL_HANDLE_STMT, stmt);
}

static void
check_rows_of_view(SQLHDBC dbc, const char *view)
{
	SQLHSTMT	stmt;
	char		query[300];
	SQLSMALLINT ncols = 0;
	long		rows = 0;
	int			ok;

	snprintf(query, sizeof(query), "SELECT * FROM fms.%s", view);
	SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt);
	ok = SQL_SUCCEEDED(SQLExecDirect(stmt, (SQLCHAR *) query, SQL_NTS));
	if (!ok)
		print_diagnostics(SQL_HANDLE_STMT, stmt);
	SQLNumResultCols(stmt, &ncols);
	while (ok && SQL_SUCCEEDED(SQLFetch(stmt)))
	{
		SQLCHAR		buf[4096];

		for (SQLUSMALLINT c = 1; c <= ncols; c++)
			column_text(stmt, c, buf, sizeof(buf));
		rows++;
	}
	report(ok && rows > 0, "fetched %ld rows of fms.%s as text", rows, view);
	SQLFreeHandle(SQL_HANDLE_STMT, stmt);
}

static const char *
env_or(const char *name, const char *fallback)
{
	const char *value = getenv(name);

	return value && value[0] ? value : fallback;
}

int
main(int argc, char **argv)
{
	SQLHENV		env;
	SQLHDBC		dbc;
	char		conn[1024];

	snprintf(conn, sizeof(conn),
			 "Driver={PostgreSQL Unicode};Server=%s;Port=%s;Database=%s;Uid=%s;Pwd=%s;BoolsAsChar=0;",
			 env_or("PGHOST", "localhost"), env_or("PGPORT", "5432"), env_or("PGDATABASE", "postgres"),
			 env_or("PGUSER", "postgres"), env_or("PGPASSWORD", ""));
	SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
	SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER) SQL_OV_ODBC3, 0);
	SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
	if (!SQL_SUCCEEDED(SQLDriverConnect(dbc, NULL, (SQLCHAR *) conn, SQL_NTS, NULL, 0, NULL, SQL_DRIVER_NOPROMPT)))
	{
		print_diagnostics(SQL_HANDLE_DBC, dbc);
		printf("not ok 1 - connect through psqlODBC\n1..1\n");
		return 1;
	}
	for (int i = 1; i < argc; i++)
	{
		check_view_is_listed(dbc, argv[i]);
		check_columns_of_view(dbc, argv[i]);
		check_rows_of_view(dbc, argv[i]);
	}
	printf("1..%d\n", test_no);
	SQLDisconnect(dbc);
	SQLFreeHandle(SQL_HANDLE_DBC, dbc);
	SQLFreeHandle(SQL_HANDLE_ENV, env);
	return failures > 0;
}
