package org.carecircle.security;

/** {@link SessionAndCsrfTest} on the embedded H2GIS store (the test default). */
class SessionAndCsrfH2gisTest extends SessionAndCsrfTest {}
