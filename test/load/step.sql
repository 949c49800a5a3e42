\set n random(1, 100)
\set pick random(1, 400)
\set state_pick random(0, 10)
\set days random(0, 40)
SELECT load.step(:n, :pick, :state_pick, :days);
