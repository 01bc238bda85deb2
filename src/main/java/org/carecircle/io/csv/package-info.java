/**
 * CSV point layers, the way planners keep facility lists in Excel: one row per feature, a
 * longitude and a latitude column, every other column an attribute. A row is the physical line
 * number in the file as a text editor or Excel shows it, the header being row 1.
 */
package org.carecircle.io.csv;
