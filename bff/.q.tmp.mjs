import Database from 'better-sqlite3';
const db = new Database(process.argv[2], { readonly: true });
const q = (s) => db.prepare(s).all();
console.log(q(`select count(*) n from billing_fee_components`));
console.log('fee vs charge mismatches', q(`with f as (select unit_id, year, month, sum(amount_gr) t from billing_fee_components group by 1,2,3),
 c as (select a.unit_id, cast(substr(d.date,1,4) as int) y, cast(substr(d.date,6,2) as int) m, sum(d.debit_gr) t, count(*) n from billing_documents d join billing_accounts a on a.id=d.account_id where d.kind='charge' group by 1,2,3)
 select count(*) n, sum(f.t<>c.t) bad, sum(c.n<>1) dup from f left join c on c.unit_id=f.unit_id and c.y=f.year and c.m=f.month`));
console.log('BO chain', q(`select count(*) bad from billing_opening_balances b join billing_opening_balances n on n.account_id=b.account_id and n.year=b.year+1
  where n.amount_gr <> b.amount_gr + coalesce((select sum(debit_gr-credit_gr) from billing_documents d where d.account_id=b.account_id and substr(d.date,1,4)=cast(b.year as text)),0)`));
console.log('closed nonzero', q(`select a.id, a.code, a.closed_on, (select amount_gr from billing_opening_balances where account_id=a.id and year=cast(substr(a.closed_on,1,4) as int)) + (select sum(debit_gr-credit_gr) from billing_documents where account_id=a.id and substr(date,1,4)=substr(a.closed_on,1,4)) bal from billing_accounts a where closed_on is not null and purpose='ledger' and bal<>0 limit 5`));
console.log('docs outside window', q(`select count(*) n from billing_documents d join billing_accounts a on a.id=d.account_id where d.date < a.opened_on or (a.closed_on is not null and d.date > a.closed_on) or d.date > '2026-11-15'`));
console.log('sett', q(`select name, count(*) n, sum(balance_gr>0) pos, sum(balance_gr<0) neg, avg(cost_gr) c, avg(advances_gr) a, sum(balance_gr<>cost_gr-advances_gr) bad from billing_settlements group by name`));
console.log('docs kinds', q(`select kind, count(*) n, sum(debit_gr) d, sum(credit_gr) c from billing_documents group by kind`));
console.log('demo', q(`select * from billing_persons where id<=6`), q(`select * from billing_assignments where person_id<=6`));
console.log(q(`select * from billing_fee_components where unit_id=1 and year=2026 and month=11`));
console.log(q(`select a.code, b.year, b.amount_gr from billing_opening_balances b join billing_accounts a on a.id=b.account_id where a.unit_id=3 order by a.id, b.year`));
console.log(q(`select d.* from billing_documents d join billing_accounts a on a.id=d.account_id where a.unit_id=1 and d.date like '2026-0%' order by date limit 30`));
console.log(q(`select * from billing_settlements s join billing_accounts a on a.id=s.account_id where a.unit_id=1 order by s.date desc limit 6`));
console.log(q(`select m.*, r.* from billing_meters m join billing_readings r on r.meter_id=m.id where m.unit_id=1 and r.date>='2025-12-31' order by m.id, r.date`));
console.log(q(`select * from billing_buildings`));
