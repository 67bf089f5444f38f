-- Custom SQL migration file, put your code below! --
-- A holder never holds fewer than no shares of a class: an entry taking shares away (a transfer out,
-- a redemption) that would leave a negative balance aborts its whole batch. The services check it
-- first; this stops two decisions racing on the same shares (the second batch fails whole, so the
-- other side of a transfer is never written alone).
CREATE TRIGGER `share_register_never_negative` BEFORE INSERT ON `share_register`
WHEN NEW.`shares` < 0 AND (SELECT coalesce(sum(`shares`), 0) FROM `share_register` WHERE `holder_id` = NEW.`holder_id` AND `class_id` = NEW.`class_id`) + NEW.`shares` < 0
BEGIN SELECT RAISE(ABORT, 'shares: a holder never holds fewer than no shares of a class'); END;
