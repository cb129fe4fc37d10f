-- Strefa Mieszkańca on Oracle, step 4 of 4: the portal may read the billing views, nothing more.
-- Run as the owner of the views (STREFA_BILLING), after step 3:
--   sql strefa_billing@//db.spoldzielnia.local:1521/STREFA @04-grants.sql
-- The portal user needs no right on the billing program's own tables: the views' owner reads
-- those (it holds SELECT ... WITH GRANT OPTION on them). The portal's own tables (step 2)
-- belong to STREFA_APP, which reads and writes them as their owner.

WHENEVER SQLERROR EXIT FAILURE ROLLBACK
SET ECHO ON

GRANT READ ON billing_persons          TO strefa_app;
GRANT READ ON billing_buildings        TO strefa_app;
GRANT READ ON billing_units            TO strefa_app;
GRANT READ ON billing_assignments      TO strefa_app;
GRANT READ ON billing_fee_components   TO strefa_app;
GRANT READ ON billing_accounts         TO strefa_app;
GRANT READ ON billing_opening_balances TO strefa_app;
GRANT READ ON billing_documents        TO strefa_app;
GRANT READ ON billing_media            TO strefa_app;
GRANT READ ON billing_meters           TO strefa_app;
GRANT READ ON billing_readings         TO strefa_app;
GRANT READ ON billing_settlements      TO strefa_app;
GRANT READ ON billing_freshness        TO strefa_app;

EXIT
