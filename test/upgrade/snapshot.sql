-- What an installed fms is, as text to compare: every member object, the
-- definition of each table, view, function, trigger, type and operator, the
-- comments and privileges, what pg_dump keeps of each table, and the rows
-- of every table (their timestamps aside, which say when, not what).
\set QUIET on
\pset format unaligned
\pset tuples_only on
SET DateStyle = ISO;
SET extra_float_digits = 0;

-- Members.
SELECT 'member', pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid)
  FROM pg_catalog.pg_depend AS d
 WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.deptype = 'e'
   AND d.refobjid = (SELECT e.oid FROM pg_catalog.pg_extension AS e WHERE e.extname = 'fms')
 ORDER BY 2;

-- Columns, with their order, types, defaults and comments.
SELECT 'column', c.relname, a.attnum, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
       a.attnotnull, a.attgenerated, a.attidentity, a.attstorage, a.attstattarget, a.attacl,
       pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), pg_catalog.col_description(c.oid, a.attnum)
  FROM pg_catalog.pg_class AS c
  JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_catalog.pg_attrdef AS ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
 WHERE c.relnamespace = 'fms'::regnamespace
 ORDER BY 2, 3;

-- Relations: kind, comment, privileges, view definitions.
SELECT 'relation', c.relname, c.relkind, c.relowner::regrole, c.relacl, c.reloptions, c.relrowsecurity,
       c.relforcerowsecurity, c.relreplident, pg_catalog.obj_description(c.oid, 'pg_class'),
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END
  FROM pg_catalog.pg_class AS c WHERE c.relnamespace = 'fms'::regnamespace ORDER BY 2;

-- Constraints, indexes and triggers (with how they fire).
SELECT 'constraint', cl.relname, co.conname, pg_catalog.pg_get_constraintdef(co.oid),
       pg_catalog.obj_description(co.oid, 'pg_constraint')
  FROM pg_catalog.pg_constraint AS co JOIN pg_catalog.pg_class AS cl ON cl.oid = co.conrelid
 WHERE cl.relnamespace = 'fms'::regnamespace ORDER BY 2, 3;
SELECT 'domain constraint', co.contypid::regtype, co.conname, pg_catalog.pg_get_constraintdef(co.oid)
  FROM pg_catalog.pg_constraint AS co
 WHERE co.connamespace = 'fms'::regnamespace AND co.contypid <> 0 ORDER BY co.contypid::pg_catalog.regtype::pg_catalog.text, 3;
SELECT 'policy', cl.relname, p.polname, p.polcmd, p.polpermissive, p.polroles::regrole[],
       pg_catalog.pg_get_expr(p.polqual, p.polrelid), pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid)
  FROM pg_catalog.pg_policy AS p JOIN pg_catalog.pg_class AS cl ON cl.oid = p.polrelid
 WHERE cl.relnamespace = 'fms'::regnamespace ORDER BY 2, 3;
SELECT 'rule', r.tablename, r.rulename, r.definition
  FROM pg_catalog.pg_rules AS r WHERE r.schemaname = 'fms' ORDER BY 2, 3;
SELECT 'sequence', s.seqrelid::regclass, s.seqtypid::regtype, s.seqstart, s.seqincrement, s.seqmax, s.seqmin,
       s.seqcache, s.seqcycle
  FROM pg_catalog.pg_sequence AS s JOIN pg_catalog.pg_class AS c ON c.oid = s.seqrelid
 WHERE c.relnamespace = 'fms'::regnamespace ORDER BY s.seqrelid::pg_catalog.regclass::pg_catalog.text;
SELECT 'index', pg_catalog.pg_get_indexdef(i.indexrelid), pg_catalog.obj_description(i.indexrelid, 'pg_class')
  FROM pg_catalog.pg_index AS i JOIN pg_catalog.pg_class AS cl ON cl.oid = i.indrelid
 WHERE cl.relnamespace = 'fms'::regnamespace ORDER BY 2;
SELECT 'trigger', cl.relname, t.tgname, t.tgenabled, pg_catalog.pg_get_triggerdef(t.oid),
       pg_catalog.obj_description(t.oid, 'pg_trigger')
  FROM pg_catalog.pg_trigger AS t JOIN pg_catalog.pg_class AS cl ON cl.oid = t.tgrelid
 WHERE cl.relnamespace = 'fms'::regnamespace AND NOT t.tgisinternal ORDER BY 2, 3;
SELECT 'event trigger', e.evtname, e.evtevent, e.evtenabled, e.evttags::text, e.evtfoid::regprocedure
  FROM pg_catalog.pg_event_trigger AS e
 WHERE e.evtfoid IN (SELECT p.oid FROM pg_catalog.pg_proc AS p WHERE p.pronamespace = 'fms'::regnamespace)
 ORDER BY 2;

-- Functions, with labels, privileges, settings and bodies.
SELECT 'function', p.oid::regprocedure, p.proowner::regrole, p.prokind, p.provolatile, p.proisstrict,
       p.proparallel, p.proleakproof, p.prosecdef, p.procost, p.prorows, p.proconfig, p.proacl,
       pg_catalog.obj_description(p.oid, 'pg_proc'),
       CASE WHEN p.prokind <> 'a' THEN pg_catalog.pg_get_functiondef(p.oid) END
  FROM pg_catalog.pg_proc AS p WHERE p.pronamespace = 'fms'::regnamespace ORDER BY p.oid::pg_catalog.regprocedure::pg_catalog.text;

SELECT 'aggregate', a.aggfnoid::regprocedure, a.aggkind, a.aggtransfn::regprocedure, a.aggfinalfn,
       a.aggcombinefn, a.aggsortop::regoperator, a.aggtranstype::regtype, a.agginitval
  FROM pg_catalog.pg_aggregate AS a JOIN pg_catalog.pg_proc AS p ON p.oid = a.aggfnoid
 WHERE p.pronamespace = 'fms'::regnamespace ORDER BY a.aggfnoid::pg_catalog.regprocedure::pg_catalog.text;

-- Types, operators, operator classes, casts.
SELECT 'type', t.oid::regtype, t.typowner::regrole, t.typlen, t.typbyval, t.typalign, t.typstorage, t.typacl,
       t.typinput::regprocedure, t.typoutput::regprocedure, t.typreceive, t.typsend, t.typdefault,
       pg_catalog.obj_description(t.oid, 'pg_type')
  FROM pg_catalog.pg_type AS t WHERE t.typnamespace = 'fms'::regnamespace AND t.typrelid = 0 ORDER BY t.oid::pg_catalog.regtype::pg_catalog.text;
SELECT 'operator', o.oid::regoperator, o.oprcode, o.oprcom::regoperator, o.oprnegate::regoperator,
       o.oprrest, o.oprjoin, o.oprcanhash, o.oprcanmerge, pg_catalog.obj_description(o.oid, 'pg_operator')
  FROM pg_catalog.pg_operator AS o WHERE o.oprnamespace = 'fms'::regnamespace ORDER BY o.oid::pg_catalog.regoperator::pg_catalog.text;
SELECT 'operator class', am.amname, oc.opcname, oc.opcdefault, oc.opcintype::regtype,
       pg_catalog.obj_description(oc.oid, 'pg_opclass')
  FROM pg_catalog.pg_opclass AS oc JOIN pg_catalog.pg_am AS am ON am.oid = oc.opcmethod
 WHERE oc.opcnamespace = 'fms'::regnamespace ORDER BY 2, 3;
SELECT 'operator class member', am.amname, oc.opcname, ao.amopstrategy, ao.amopopr::regoperator
  FROM pg_catalog.pg_opclass AS oc
  JOIN pg_catalog.pg_am AS am ON am.oid = oc.opcmethod
  JOIN pg_catalog.pg_amop AS ao ON ao.amopfamily = oc.opcfamily
 WHERE oc.opcnamespace = 'fms'::regnamespace ORDER BY 2, 3, 4;
SELECT 'operator class support', am.amname, oc.opcname, ap.amprocnum, ap.amproc::regprocedure
  FROM pg_catalog.pg_opclass AS oc
  JOIN pg_catalog.pg_am AS am ON am.oid = oc.opcmethod
  JOIN pg_catalog.pg_amproc AS ap ON ap.amprocfamily = oc.opcfamily
 WHERE oc.opcnamespace = 'fms'::regnamespace ORDER BY 2, 3, 4;
SELECT 'schema', n.nspname, n.nspacl, pg_catalog.obj_description(n.oid, 'pg_namespace')
  FROM pg_catalog.pg_namespace AS n WHERE n.nspname = 'fms';
SELECT 'extension', e.extname, e.extversion, e.extrelocatable, e.extnamespace::regnamespace,
       (SELECT pg_catalog.array_agg(r.extname ORDER BY r.extname)
          FROM pg_catalog.pg_depend AS d JOIN pg_catalog.pg_extension AS r ON r.oid = d.refobjid
         WHERE d.classid = 'pg_catalog.pg_extension'::regclass AND d.objid = e.oid
           AND d.refclassid = 'pg_catalog.pg_extension'::regclass)
  FROM pg_catalog.pg_extension AS e WHERE e.extname = 'fms';
SELECT 'cast', c.castsource::regtype, c.casttarget::regtype, c.castfunc::regprocedure, c.castcontext,
       pg_catalog.obj_description(c.oid, 'pg_cast')
  FROM pg_catalog.pg_cast AS c
 WHERE c.castsource IN (SELECT t.oid FROM pg_catalog.pg_type AS t WHERE t.typnamespace = 'fms'::regnamespace)
    OR c.casttarget IN (SELECT t.oid FROM pg_catalog.pg_type AS t WHERE t.typnamespace = 'fms'::regnamespace)
 ORDER BY c.castsource::pg_catalog.regtype::pg_catalog.text, c.casttarget::pg_catalog.regtype::pg_catalog.text;

-- What pg_dump keeps of each table.
SELECT 'dumped', c.relname, x.condition
  FROM pg_catalog.pg_extension AS e,
       LATERAL unnest(e.extconfig, e.extcondition) AS x(relid, condition)
  JOIN pg_catalog.pg_class AS c ON c.oid = x.relid
 WHERE e.extname = 'fms' ORDER BY 2;

-- The rows of every table, without their timestamps.
CREATE FUNCTION pg_temp.rows_of(t pg_catalog.regclass) RETURNS pg_catalog.text
LANGUAGE plpgsql AS $$
DECLARE
	cols text;
	result text;
BEGIN
	SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO cols
	  FROM pg_catalog.pg_attribute AS a
	 WHERE a.attrelid = t AND a.attnum > 0 AND NOT a.attisdropped
	   AND a.atttypid <> 'pg_catalog.timestamptz'::pg_catalog.regtype;
	EXECUTE pg_catalog.format('SELECT pg_catalog.count(*) || %L || pg_catalog.md5(COALESCE(pg_catalog.string_agg(r::pg_catalog.text, %L ORDER BY r::pg_catalog.text), %L)) FROM (SELECT %s FROM %s) AS r',
	                          ' rows, ', E'\n', '', cols, t)
	   INTO result;
	RETURN result;
END
$$;
SELECT 'rows', c.relname, pg_temp.rows_of(c.oid)
  FROM pg_catalog.pg_class AS c
 WHERE c.relnamespace = 'fms'::regnamespace AND c.relkind = 'r'
 ORDER BY 2;
