/* src/sql/schema.sql -- first part of fms--<version>.sql */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION fms" to load this file. \quit

-- The script creates the schema itself, so CREATE EXTENSION fails if
-- someone has prepared a schema "fms" with objects of their own in it.
CREATE SCHEMA fms;
GRANT USAGE ON SCHEMA fms TO PUBLIC;
COMMENT ON SCHEMA fms IS 'Foreign Military Sales case data: types, reference data, workflow, lead times, export rules and reporting views';
