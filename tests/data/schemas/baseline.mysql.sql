-- A MySQL/MariaDB schema with what `migrate baseline` must carry as `execute` SQL: a view on a
-- view, triggers, a stored function and a procedure, a scheduled event; a table comment; and
-- a sequence (MariaDB, the tests' server: MySQL has no sequences). The datasets hold no MySQL sample.
CREATE TABLE author (
  id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  book_count INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT uq_author_name UNIQUE (name)
) COMMENT = 'One row per writer; it''s quoted';
CREATE TABLE book (
  id INTEGER NOT NULL AUTO_INCREMENT PRIMARY KEY,
  author_id INTEGER NOT NULL,
  title VARCHAR(200) NOT NULL,
  price DECIMAL(8, 2) NOT NULL,
  CONSTRAINT fk_book_author FOREIGN KEY (author_id) REFERENCES author (id) ON DELETE CASCADE,
  CONSTRAINT ck_book_price CHECK (price >= 0)
);
CREATE INDEX ix_book_title ON book (title);
CREATE FUNCTION with_tax(price DECIMAL(8, 2)) RETURNS DECIMAL(8, 2) DETERMINISTIC
  RETURN price * 1.2;
CREATE PROCEDURE rename_author(IN author INTEGER, IN new_name VARCHAR(100))
BEGIN
  UPDATE author SET name = new_name WHERE id = author;
END;
CREATE VIEW zz_book_price AS SELECT b.id, b.title, with_tax(b.price) AS gross FROM book b;
CREATE VIEW expensive_book AS SELECT id, title FROM zz_book_price WHERE gross > 100;
CREATE TRIGGER book_counted AFTER INSERT ON book FOR EACH ROW
  UPDATE author SET book_count = book_count + 1 WHERE id = NEW.author_id;
CREATE TRIGGER book_uncounted AFTER DELETE ON book FOR EACH ROW
BEGIN
  UPDATE author SET book_count = book_count - 1 WHERE id = OLD.author_id;
END;
CREATE EVENT purge_free_books ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE
  DO DELETE FROM book WHERE price = 0;
CREATE SEQUENCE ticket_seq START WITH 100 INCREMENT BY 5;
