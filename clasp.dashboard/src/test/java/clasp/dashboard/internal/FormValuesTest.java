package clasp.dashboard.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;

class FormValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void formTextBecomesTheDeclaredType() throws Exception {
        assertThat(FormValues.convert(attribute("port", AttributeDefinition.INTEGER, 0), json("\"9001\""))).isEqualTo(9001);
        assertThat(FormValues.convert(attribute("port", AttributeDefinition.INTEGER, 0), json("9001"))).isEqualTo(9001);
        assertThat(FormValues.convert(attribute("rate", AttributeDefinition.DOUBLE, 0), json("\"2.5\""))).isEqualTo(2.5);
        assertThat(FormValues.convert(attribute("on", AttributeDefinition.BOOLEAN, 0), json("\"true\""))).isEqualTo(true);
        assertThat(FormValues.convert(attribute("name", AttributeDefinition.STRING, 0), json("\" a b \""))).isEqualTo(" a b ");
    }

    @Test
    void arraysComeAsTextWithCommasOrAsJsonArrays() throws Exception {
        FactoryTypes.Attribute peers = attribute("peers", AttributeDefinition.STRING, Integer.MAX_VALUE);
        assertThat((String[]) FormValues.convert(peers, json("\"127.0.0.1:9000, 127.0.0.1:9001\"")))
                .containsExactly("127.0.0.1:9000", "127.0.0.1:9001");
        assertThat((Integer[]) FormValues.convert(attribute("ports", AttributeDefinition.INTEGER, -3), json("[1, \"2\"]")))
                .containsExactly(1, 2);
    }

    @Test
    void wrongValuesAreRefusedWithTheKey() {
        assertThatThrownBy(() -> FormValues.convert(attribute("port", AttributeDefinition.INTEGER, 0), json("\"90x\"")))
                .hasMessage("port: expected an int, got '90x'");
        assertThatThrownBy(() -> FormValues.convert(attribute("on", AttributeDefinition.BOOLEAN, 0), json("\"yes\"")))
                .hasMessage("on: expected true or false, got 'yes'");
        FactoryTypes.Attribute width = new FactoryTypes.Attribute("floatWidth", null, null, AttributeDefinition.STRING, 0,
                List.of("f"), List.of("f", "d"), List.of("float32", "float64"), null);
        assertThatThrownBy(() -> FormValues.convert(width, json("\"x\""))).hasMessage("floatWidth: 'x' is not one of f, d");
        assertThatThrownBy(() -> FormValues.convert(attribute("ports", AttributeDefinition.INTEGER, 2), json("\"1,2,3\"")))
                .hasMessage("ports takes at most 2 values, got 3");
    }

    @Test
    void blankFieldsAreEmpty() throws Exception {
        assertThat(FormValues.empty(json("\"  \""))).isTrue();
        assertThat(FormValues.empty(json("[]"))).isTrue();
        assertThat(FormValues.empty(json("null"))).isTrue();
        assertThat(FormValues.empty(json("0"))).isFalse();
    }

    private static FactoryTypes.Attribute attribute(String id, int type, int cardinality) {
        return new FactoryTypes.Attribute(id, id, null, type, cardinality, List.of(), List.of(), List.of(), null);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
