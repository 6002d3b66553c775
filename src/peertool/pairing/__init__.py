"""Peer partners: `solver` decides a pairing from plain data; `service` feeds it from the database and saves it."""
