package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.FloatValue;
import clasp.api.StringValue;
import clasp.api.Value;
import clasp.api.message.SetMessage;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard ({@code /ui/}, bundle clasp.dashboard) in Debian's headless Chromium driven by Selenium through
 * chromedriver, against the real runtime: in open mode the page loads with its sections, shows within a second a
 * param another client writes, sends an edited value to that client exactly, creates an OSC bridge from its MetaType
 * form (running, listed, in Config Admin and its file) and deletes it, kicks a session, saves a scene and recalls it
 * over a fade; in authenticated mode the page shows nothing of the router without an admin token and its API answers
 * 401 (403 for a token without {@code admin:/**}), and with an admin token it works.
 */
class DashboardIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    private WebDriver browser;

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) browser.quit();
    }

    @Test
    void inOpenModeThePageShowsEditsAndAdministersTheRouter() throws Exception {
        Path etc = workDir.resolve("etc");
        int port = RuntimeProcess.quietListener(etc);
        String base = "http://127.0.0.1:" + port;
        try (RuntimeProcess runtime = new RuntimeProcess(RuntimeJar.fromSystemProperty(), workDir)) {
            runtime.awaitListening(port, WAIT);
            Eventually.until("the dashboard at /ui/", WAIT, () -> get(base + "/ui/", null).statusCode(), s -> s == 200);
            assertThat(get(base + "/ui", null).headers().firstValue("location")).hasValue("/ui/");

            // (1) the page loads: its title, its five sections, connected and subscribed
            browser = chromium();
            browser.get(base + "/ui/");
            assertThat(browser.getTitle()).isEqualTo("CLASP dashboard");
            awaitSubscribed();
            assertThat(browser.findElements(By.cssSelector("nav#tabs .tab"))).extracting(WebElement::getText)
                    .containsExactly("Params", "Sessions", "Transports & bridges", "Traffic", "Scenes");
            for (String section : List.of("params", "sessions", "plugins", "traffic", "scenes")) {
                assertThat(browser.findElements(By.cssSelector("section#" + section + ".panel"))).hasSize(1);
            }

            try (ClaspClient writer = ClaspClient.connect(URI.create("ws://127.0.0.1:" + port + "/"), "itest-writer")) {
                writer.subscribe(1, "/itest/**");

                // (2) a param another client writes is on the page within one second of the write
                writer.send(new SetMessage("/itest/dash/level", Value.of(0.625)));
                new WebDriverWait(browser, Duration.ofSeconds(1), Duration.ofMillis(20)).until(
                        ExpectedConditions.textToBe(By.cssSelector("tr[data-address='/itest/dash/level'] td.value"), "0.625"));
                By level = By.cssSelector("tr[data-address='/itest/dash/level']");
                Eventually.until("revision and writer of /itest/dash/level", WAIT,
                        () -> List.of(browser.findElement(level).findElement(By.cssSelector("td.revision")).getText(),
                                browser.findElement(level).findElement(By.cssSelector("td.writer")).getText(),
                                browser.findElement(level).findElement(By.cssSelector("td.writer")).getAttribute("data-session")),
                        seen -> seen.equals(List.of("1", "itest-writer", writer.session())));

                // (3) values edited in the page reach the other client exactly
                edit("/itest/dash/edited", "0.875");
                Eventually.until("the edited Float at the other client", WAIT, () -> writer.sets("/itest/dash/edited"),
                        sets -> !sets.isEmpty() && sets.get(sets.size() - 1).value().equals(new FloatValue(0.875)));
                edit("/itest/dash/edited", "\"from the page\"");
                Eventually.until("the edited String at the other client", WAIT, () -> writer.sets("/itest/dash/edited"),
                        sets -> sets.get(sets.size() - 1).value().equals(new StringValue("from the page")));

                // the filter shows the params matching its pattern only
                type(By.id("param-filter"), "/itest/*/edited");
                await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-address='/itest/dash/level']")));
                assertThat(browser.findElement(By.cssSelector("tr[data-address='/itest/dash/edited']")).isDisplayed()).isTrue();
                type(By.id("param-filter"), "");
                await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-address='/itest/dash/level']")));

                // (4) an OSC bridge created from the form runs, is listed, configured and written; deleted, it is gone
                createAndDeleteABridge(base, etc);

                // a scene saved from the page and recalled over a fade brings the saved value back
                tab("scenes");
                type(By.id("scene-name"), "look");
                type(By.id("scene-pattern"), "/itest/dash/level");
                browser.findElement(By.id("scene-save")).click();
                await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#scene-table tr[data-scene='look']")));
                assertThat(browser.findElement(By.id("scene-status")).getText()).isEqualTo("saved look: 1 param matching /itest/dash/level");
                writer.send(new SetMessage("/itest/dash/level", Value.of(0.0)));
                Eventually.until("the level moved away", WAIT, () -> paramValue(base, "/itest/dash/level"), v -> v.equals("0.0"));
                type(By.id("scene-fade"), "400");
                browser.findElement(By.cssSelector("button.recall[data-scene='look']")).click();
                Eventually.until("the faded level at the other client", WAIT, () -> writer.sets("/itest/dash/level"),
                        sets -> !sets.isEmpty() && sets.get(sets.size() - 1).value().equals(new FloatValue(0.625)));
                assertThat(browser.findElement(By.id("scene-status")).getText()).startsWith("recalled look: ").contains("fading over 400 ms");
                assertThat(paramValue(base, "/itest/dash/level")).isEqualTo("0.625");

                // a session kicked from the page is closed
                tab("sessions");
                WebElement kick = await(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("tr[data-name='itest-writer'] button.kick")));
                kick.click();
                await(ExpectedConditions.alertIsPresent()).accept();
                Eventually.until("the kicked client closed", WAIT, writer::isOpen, open -> !open);
                await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-name='itest-writer']")));
            }

            List<String> audit = Files.readAllLines(workDir.resolve("data/audit.log"));
            assertThat(audit).anySatisfy(l -> assertThat(l).contains("dashboard-action principal=\"open\" peer=127.0.0.1:",
                    "action=bridge-create target=\"osc dashosc\" outcome=\"ok\""));
            assertThat(audit).anySatisfy(l -> assertThat(l).contains("action=bridge-delete target=\"osc dashosc\" outcome=\"ok\""));
            assertThat(audit).anySatisfy(l -> assertThat(l).contains("action=scene-save target=\"look /itest/dash/level\" outcome=\"ok\""));
            assertThat(audit).anySatisfy(l -> assertThat(l).contains("action=scene-recall target=\"look fade=400ms\" outcome=\"ok\""));
            assertThat(audit).anySatisfy(l -> assertThat(l).contains("action=session-kick", "outcome=\"ok\""));
        }
    }

    private void createAndDeleteABridge(String base, Path etc) throws Exception {
        int oscPort = Net.freePort();
        tab("plugins");
        Select type = new Select(await(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#instance-type option[value='osc']")))
                .findElement(By.xpath("..")));
        type.selectByValue("osc");
        type(By.id("instance-name"), "dashosc");
        type(await(ExpectedConditions.presenceOfElementLocated(By.id("field-port"))), String.valueOf(oscPort));
        type(By.id("field-bindAddress"), "127.0.0.1");
        assertThat(browser.findElement(By.id("field-port")).getAttribute("type")).isEqualTo("number");
        browser.findElement(By.id("instance-submit")).click();
        await(ExpectedConditions.textToBe(By.id("instance-status"), "created clasp.bridge.osc~dashosc"));
        await(ExpectedConditions.textToBe(By.cssSelector("#bridge-table tr[data-id='dashosc'] td.state"), "ONLINE"));
        assertThat(get(base + "/ui/api/bridges", null).body())
                .contains("\"id\":\"dashosc\",\"protocol\":\"osc\",\"bundle\":\"clasp.bridge.osc\",\"state\":\"ONLINE\"")
                .contains("\"pid\":\"clasp.bridge.osc~dashosc\"");
        Path file = etc.resolve("clasp.bridge.osc-dashosc.cfg");
        assertThat(file).content().contains("port = I\"" + oscPort + "\"", "bindAddress = \"127.0.0.1\"",
                "clasp.bridge.id = \"dashosc\"");
        assertThat(browser.findElement(By.cssSelector("#instance-table tr[data-pid='clasp.bridge.osc~dashosc'] td.props"))
                .getText()).contains("port=" + oscPort);

        // updated from the same form, filled with what the instance has
        int newPort = Net.freePort();
        browser.findElement(By.cssSelector("button.edit[data-pid='clasp.bridge.osc~dashosc']")).click();
        await(ExpectedConditions.textToBe(By.id("instance-heading"), "Update bridge osc dashosc"));
        assertThat(browser.findElement(By.id("field-port")).getAttribute("value")).isEqualTo(String.valueOf(oscPort));
        type(By.id("field-port"), String.valueOf(newPort));
        browser.findElement(By.id("instance-submit")).click();
        await(ExpectedConditions.textToBe(By.id("instance-status"), "updated osc dashosc"));
        Eventually.until("the file updated", WAIT, () -> Files.readString(file), text -> text.contains("port = I\"" + newPort + "\""));
        await(ExpectedConditions.textMatches(By.cssSelector("#bridge-table tr[data-id='dashosc'] td.detail"),
                Pattern.compile("listening on udp 127\\.0\\.0\\.1:" + newPort + "\\b.*")));

        browser.findElement(By.cssSelector("button.delete[data-pid='clasp.bridge.osc~dashosc']")).click();
        await(ExpectedConditions.alertIsPresent()).accept();
        await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#bridge-table tr[data-id='dashosc']"), 0));
        await(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#instance-table tr[data-pid='clasp.bridge.osc~dashosc']"), 0));
        assertThat(get(base + "/ui/api/bridges", null).body()).doesNotContain("dashosc");
        Eventually.until("the instance's file deleted", WAIT, () -> Files.exists(file), exists -> !exists);
    }

    @Test
    void inAuthenticatedModeTheDashboardNeedsAnAdminToken() throws Exception {
        try (SecureRuntime runtime = SecureRuntime.start(workDir, Map.of(), null)) {
            String base = "http://127.0.0.1:" + runtime.port;
            Eventually.until("the dashboard at /ui/", WAIT, () -> get(base + "/ui/", null).statusCode(), s -> s == 200);
            String viewer = runtime.issue("viewer", "read:/**", null);

            HttpResponse<String> anonymous = get(base + "/ui/api/params?pattern=/**", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"clasp\"");
            assertThat(get(base + "/ui/api/sessions", "cpsk_00000000000000000000000000000000").statusCode()).isEqualTo(401);
            assertThat(get(base + "/ui/api/sessions", viewer).statusCode()).isEqualTo(403);
            assertThat(get(base + "/ui/api/whoami", runtime.adminToken).body()).contains("\"mode\":\"authenticated\"",
                    "\"principal\":\"pentest-admin [cpsk:");
            Eventually.until("the refusals in the audit log", WAIT, runtime::auditLog, lines -> lines.stream().anyMatch(l ->
                    l.contains("dashboard-refused peer=127.0.0.1:") && l.contains("request=\"GET /ui/api/params\" status=401"))
                    && lines.stream().anyMatch(l -> l.contains("request=\"GET /ui/api/sessions\" status=403 reason=\"viewer [cpsk:")));

            try (ClaspWebSocketClient writer = runtime.connect("itest-writer", runtime.adminToken)) {
                writer.send(new SetMessage("/secure/level", Value.of(0.5)));
                Eventually.until("the param stored", WAIT, () -> get(base + "/ui/api/params?pattern=/secure/**",
                        runtime.adminToken).body(), b -> b.contains("\"address\":\"/secure/level\""));

                browser = chromium();
                browser.get(base + "/ui/");
                await(ExpectedConditions.visibilityOfElementLocated(By.id("token-form")));
                assertThat(browser.findElement(By.id("auth-status")).getText()).startsWith("an admin token is required");
                assertThat(browser.findElement(By.id("main")).isDisplayed()).isFalse();
                assertThat(browser.findElements(By.cssSelector("#param-table tbody tr"))).isEmpty();
                assertThat(browser.findElement(By.id("connection")).getAttribute("data-state")).isEqualTo("refused");

                type(By.id("token-input"), viewer);
                browser.findElement(By.id("token-submit")).click();
                await(ExpectedConditions.textMatches(By.id("auth-status"),
                        Pattern.compile("refused \\(403\\): viewer \\[cpsk:[0-9a-f]+\\] has no admin:/\\*\\* scope")));
                assertThat(browser.findElement(By.id("main")).isDisplayed()).isFalse();

                type(By.id("token-input"), runtime.adminToken);
                browser.findElement(By.id("token-submit")).click();
                awaitSubscribed();
                assertThat(browser.findElement(By.id("whoami")).getText()).startsWith("pentest-admin [cpsk:").endsWith("] (authenticated mode)");
                await(ExpectedConditions.textToBe(By.cssSelector("tr[data-address='/secure/level'] td.value"), "0.5"));
                edit("/secure/edited", "0.25");
                Eventually.until("the edit stored", WAIT, () -> get(base + "/ui/api/params?pattern=/secure/edited",
                        runtime.adminToken).body(), b -> b.contains("\"value\":0.25"));

                // removable: with the dashboard's bundle stopped the router and its listener go on, /ui/ is gone
                Matcher bundle = Pattern.compile("(\\d+)\\s*\\|\\s*Active\\s*\\|\\s*\\d+\\s*\\|\\s*clasp\\.dashboard\\b")
                        .matcher(runtime.shell("lb -s clasp.dashboard"));
                assertThat(bundle.find()).as("clasp.dashboard is listed active").isTrue();
                runtime.shell("stop " + bundle.group(1));
                Eventually.until("/ui/ gone", WAIT, () -> get(base + "/ui/", null).statusCode(), status -> status == 404);
                assertThat(get(base + "/ui/api/whoami", runtime.adminToken).statusCode()).isEqualTo(404);
                Eventually.until("no thread of the stopped dashboard", WAIT, () -> runtime.terminal.threads(),
                        names -> names.stream().noneMatch(name -> name.startsWith("clasp-dashboard")));
                writer.send(new SetMessage("/secure/level", Value.of(0.75)));
                Eventually.until("the router still storing writes", WAIT, () -> runtime.read(List.of("/secure/level")),
                        read -> Value.of(0.75).equals(read.get("/secure/level")));
                assertThat(writer.closeCode()).isNull();
                runtime.shell("start " + bundle.group(1));
                Eventually.until("/ui/ back", WAIT, () -> get(base + "/ui/", null).statusCode(), status -> status == 200);
            }
        }
    }

    /** Debian's Chromium, headless, through Debian's chromedriver; Selenium Manager is never asked for a driver. */
    private static WebDriver chromium() {
        withoutStaleLogBridges();
        System.setProperty("SE_OFFLINE", "true");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000");
        return new ChromeDriver(service, options);
    }

    /**
     * Selenium logs through java.util.logging. An in-framework test earlier in this JVM may have left its framework's
     * SLF4J bridge on JUL's root logger, whose class loader is gone with that framework: drop every such handler.
     */
    private static void withoutStaleLogBridges() {
        java.util.logging.Logger root = java.util.logging.LogManager.getLogManager().getLogger("");
        for (java.util.logging.Handler h : root.getHandlers()) {
            if (!h.getClass().getName().startsWith("java.")) root.removeHandler(h);
        }
    }

    private void awaitSubscribed() {
        await(ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "subscribed"));
    }

    private void tab(String name) {
        browser.findElement(By.cssSelector(".tab[data-tab='" + name + "']")).click();
        await(ExpectedConditions.visibilityOfElementLocated(By.id(name)));
    }

    private void edit(String address, String value) {
        tab("params");
        type(By.id("edit-address"), address);
        type(By.id("edit-value"), value);
        browser.findElement(By.id("edit-send")).click();
    }

    private void type(By field, String text) {
        type(browser.findElement(field), text);
    }

    private static void type(WebElement field, String text) {
        field.clear();
        field.sendKeys(text);
    }

    private <T> T await(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, WAIT).until(condition);
    }

    private static String paramValue(String base, String address) throws Exception {
        String body = get(base + "/ui/api/params?pattern=" + address, null).body();
        int at = body.indexOf("\"value\":");
        return at < 0 ? "" : body.substring(at + 8, body.indexOf(',', at));
    }

    private static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) request.header("Authorization", "Bearer " + token);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
