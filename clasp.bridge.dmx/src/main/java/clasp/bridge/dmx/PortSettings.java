package clasp.bridge.dmx;

/**
 * How a serial port is opened: baud rate, data bits, stop bits (1 or 2), no parity, no flow control, and how long
 * a read waits for its first byte.
 */
public record PortSettings(int baudRate, int dataBits, int stopBits, int readTimeoutMillis) {
    public PortSettings {
        if (baudRate <= 0) throw new IllegalArgumentException("baudRate must be positive, is " + baudRate);
        if (dataBits < 5 || dataBits > 8) throw new IllegalArgumentException("dataBits must be 5..8, is " + dataBits);
        if (stopBits != 1 && stopBits != 2) throw new IllegalArgumentException("stopBits must be 1 or 2, is " + stopBits);
        if (readTimeoutMillis < 1) throw new IllegalArgumentException("readTimeoutMillis must be at least 1, is " + readTimeoutMillis);
    }

    /** The line as usually written, e.g. {@code 250000 baud 8N2}. */
    @Override
    public String toString() {
        return baudRate + " baud " + dataBits + "N" + stopBits;
    }
}
