package clasp.protocol;

import java.util.HexFormat;

/** One fuzz input: the bytes of a would-be frame and the name of the mutation that made it. */
public record FuzzInput(byte[] bytes, String how) {
    public String hex() { return HexFormat.of().formatHex(bytes); }

    /** An input read back from a hex file of the regression folders (whitespace and {@code #} comment lines ignored). */
    public static FuzzInput fromHexFile(String text, String name) {
        StringBuilder hex = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.strip().startsWith("#")) hex.append(line.replaceAll("\\s", ""));
        }
        return new FuzzInput(HexFormat.of().parseHex(hex), name);
    }
}
