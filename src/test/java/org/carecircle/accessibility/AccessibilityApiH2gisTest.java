package org.carecircle.accessibility;

/** {@link AccessibilityApiTest} on the embedded H2GIS store. */
class AccessibilityApiH2gisTest extends AccessibilityApiTest {}
