-- shop.sql for MySQL and MariaDB. There TIMESTAMP is a time-zone-converting type of its own
-- (`timestamptz`), so shop.yaml's `datetime` columns are DATETIME; and the four partial indexes
-- are left out, as these servers have none (the tests leave them out of shop.yaml too).
CREATE TABLE country (
  code VARCHAR(2) NOT NULL PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  CONSTRAINT uq_country_name UNIQUE (name)
);
CREATE TABLE address (
  id INTEGER NOT NULL PRIMARY KEY,
  line1 VARCHAR(200) NOT NULL,
  line2 VARCHAR(200),
  city VARCHAR(100) NOT NULL,
  postcode VARCHAR(20),
  country_code VARCHAR(2) NOT NULL,
  CONSTRAINT fk_address_country FOREIGN KEY (country_code) REFERENCES country (code)
);
CREATE TABLE customer (
  id INTEGER NOT NULL PRIMARY KEY,
  email VARCHAR(254) NOT NULL,
  full_name VARCHAR(200) NOT NULL,
  billing_address_id INTEGER,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  deleted_at DATETIME,
  is_vip BOOLEAN NOT NULL DEFAULT false,
  CONSTRAINT fk_customer_billing_address FOREIGN KEY (billing_address_id)
    REFERENCES address (id) ON DELETE SET NULL
);
CREATE INDEX ix_customer_created_at ON customer (created_at);
CREATE TABLE customer_address (
  customer_id INTEGER NOT NULL,
  address_id INTEGER NOT NULL,
  label VARCHAR(50) NOT NULL DEFAULT 'home',
  CONSTRAINT pk_customer_address PRIMARY KEY (customer_id, address_id),
  CONSTRAINT fk_customer_address_customer FOREIGN KEY (customer_id)
    REFERENCES customer (id) ON DELETE CASCADE,
  CONSTRAINT fk_customer_address_address FOREIGN KEY (address_id)
    REFERENCES address (id) ON DELETE CASCADE
);
CREATE TABLE category (
  id INTEGER NOT NULL PRIMARY KEY,
  parent_id INTEGER,
  slug VARCHAR(100) NOT NULL,
  name VARCHAR(100) NOT NULL,
  CONSTRAINT fk_category_parent FOREIGN KEY (parent_id) REFERENCES category (id) ON DELETE CASCADE,
  CONSTRAINT uq_category_parent_slug UNIQUE (parent_id, slug)
);
CREATE TABLE supplier (
  id INTEGER NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  country_code VARCHAR(2),
  CONSTRAINT fk_supplier_country FOREIGN KEY (country_code) REFERENCES country (code)
);
CREATE TABLE product (
  id INTEGER NOT NULL PRIMARY KEY,
  sku VARCHAR(40) NOT NULL,
  name VARCHAR(200) NOT NULL,
  description TEXT,
  price NUMERIC(10, 2) NOT NULL,
  supplier_id INTEGER,
  active BOOLEAN NOT NULL DEFAULT true,
  CONSTRAINT fk_product_supplier FOREIGN KEY (supplier_id) REFERENCES supplier (id) ON DELETE SET NULL,
  CONSTRAINT ck_product_price CHECK (price >= 0)
);
CREATE UNIQUE INDEX ix_product_sku ON product (sku);
CREATE TABLE product_category (
  product_id INTEGER NOT NULL,
  category_id INTEGER NOT NULL,
  PRIMARY KEY (product_id, category_id),
  CONSTRAINT fk_product_category_product FOREIGN KEY (product_id)
    REFERENCES product (id) ON DELETE CASCADE,
  CONSTRAINT fk_product_category_category FOREIGN KEY (category_id)
    REFERENCES category (id) ON DELETE CASCADE
);
CREATE INDEX ix_product_category_category ON product_category (category_id);
CREATE TABLE warehouse (
  id INTEGER NOT NULL PRIMARY KEY,
  name VARCHAR(100) NOT NULL,
  address_id INTEGER NOT NULL,
  CONSTRAINT fk_warehouse_address FOREIGN KEY (address_id) REFERENCES address (id)
);
CREATE TABLE stock (
  warehouse_id INTEGER NOT NULL,
  product_id INTEGER NOT NULL,
  quantity INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT pk_stock PRIMARY KEY (warehouse_id, product_id),
  CONSTRAINT fk_stock_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouse (id) ON DELETE CASCADE,
  CONSTRAINT fk_stock_product FOREIGN KEY (product_id) REFERENCES product (id) ON DELETE CASCADE,
  CONSTRAINT ck_stock_quantity CHECK (quantity >= 0)
);
CREATE TABLE orders (
  id INTEGER NOT NULL PRIMARY KEY,
  customer_id INTEGER NOT NULL,
  status VARCHAR(20) NOT NULL DEFAULT 'new',
  shipping_address_id INTEGER,
  placed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  note TEXT,
  CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE RESTRICT,
  CONSTRAINT fk_orders_shipping_address FOREIGN KEY (shipping_address_id)
    REFERENCES address (id) ON DELETE SET NULL,
  CONSTRAINT ck_orders_status CHECK (status IN ('new', 'paid', 'shipped', 'cancelled'))
);
CREATE INDEX ix_orders_customer_placed ON orders (customer_id, placed_at);
CREATE TABLE order_line (
  order_id INTEGER NOT NULL,
  line_no INTEGER NOT NULL,
  product_id INTEGER NOT NULL,
  quantity INTEGER NOT NULL,
  unit_price NUMERIC(10, 2) NOT NULL,
  CONSTRAINT pk_order_line PRIMARY KEY (order_id, line_no),
  CONSTRAINT fk_order_line_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT fk_order_line_product FOREIGN KEY (product_id) REFERENCES product (id),
  CONSTRAINT ck_order_line_quantity CHECK (quantity > 0)
);
CREATE INDEX ix_order_line_product ON order_line (product_id);
CREATE TABLE payment (
  id INTEGER NOT NULL PRIMARY KEY,
  order_id INTEGER NOT NULL,
  amount NUMERIC(10, 2) NOT NULL,
  provider VARCHAR(40) NOT NULL,
  provider_ref VARCHAR(100),
  paid_at DATETIME,
  CONSTRAINT fk_payment_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT uq_payment_provider_ref UNIQUE (provider, provider_ref)
);
CREATE TABLE shipment (
  id INTEGER NOT NULL PRIMARY KEY,
  order_id INTEGER NOT NULL,
  warehouse_id INTEGER NOT NULL,
  tracking_code VARCHAR(64),
  shipped_at DATETIME,
  CONSTRAINT fk_shipment_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
  CONSTRAINT fk_shipment_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouse (id)
);
CREATE TABLE review (
  id INTEGER NOT NULL PRIMARY KEY,
  product_id INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  rating SMALLINT NOT NULL,
  body TEXT,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT fk_review_product FOREIGN KEY (product_id) REFERENCES product (id) ON DELETE CASCADE,
  CONSTRAINT fk_review_customer FOREIGN KEY (customer_id) REFERENCES customer (id) ON DELETE CASCADE,
  CONSTRAINT uq_review_product_customer UNIQUE (product_id, customer_id),
  CONSTRAINT ck_review_rating CHECK (rating BETWEEN 1 AND 5)
);
CREATE TABLE coupon (
  code VARCHAR(32) NOT NULL PRIMARY KEY,
  percent_off INTEGER NOT NULL,
  valid_until DATE,
  order_id INTEGER,
  CONSTRAINT fk_coupon_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE SET NULL,
  CONSTRAINT ck_coupon_percent CHECK (percent_off BETWEEN 1 AND 100)
);
