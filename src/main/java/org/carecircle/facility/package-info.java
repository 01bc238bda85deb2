/**
 * The facility registry: a facility is a health service point (hospital, health centre, clinic,
 * emergency station...) with a WGS84 location, a catalogue type and a planning status. Imports are
 * all or nothing.
 */
package org.carecircle.facility;
