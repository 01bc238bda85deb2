package org.carecircle.network;

/** Something held in memory for a road network, which can say how much memory it holds. */
public interface MemoryFootprint {
  /** Bytes held by this object's arrays (object headers and small fields left out), at least 0. */
  long memoryBytes();

  /** Bytes of the arrays: 8 per double or long, 4 per int or float, 1 per boolean or byte. */
  static long bytesOf(Object... arrays) {
    long bytes = 0;
    for (Object array : arrays) {
      if (array instanceof double[] a) {
        bytes += 8L * a.length;
      } else if (array instanceof long[] a) {
        bytes += 8L * a.length;
      } else if (array instanceof int[] a) {
        bytes += 4L * a.length;
      } else if (array instanceof float[] a) {
        bytes += 4L * a.length;
      } else if (array instanceof boolean[] a) {
        bytes += a.length;
      } else if (array instanceof byte[] a) {
        bytes += a.length;
      } else if (array != null) {
        throw new IllegalArgumentException("not a primitive array: " + array.getClass());
      }
    }
    return bytes;
  }
}
