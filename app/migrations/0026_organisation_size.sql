-- How many people work in an organisation, in the bands funders report by (the EU's micro,
-- small, medium and large enterprises, with one person on their own apart). NULL: not given.
ALTER TABLE organisations ADD COLUMN size TEXT CHECK (size IN ('1', '2-9', '10-49', '50-249', '250+'));
