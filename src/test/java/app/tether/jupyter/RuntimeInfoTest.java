package app.tether.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeInfoTest {
    static String fixture(String name) throws IOException {
        try (InputStream in = RuntimeInfoTest.class.getResourceAsStream("/fixtures/jupyter/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void runtimeFile() throws IOException {
        RuntimeInfo info = RuntimeInfo.parseRuntimeFile(fixture("runtime-jpserver-11940.json"));
        assertEquals("http://127.0.0.1:18888/", info.url());
        assertEquals(18888, info.port());
        assertEquals(11940, info.pid());
        assertEquals("/home/user/home/work", info.rootDir());
        assertEquals("1.23.3", info.version());
        assertEquals("0000000000000000000000000000000000000000fixture0", info.token());
        assertFalse(info.password());
    }

    @Test
    void toStringHidesTheToken() throws IOException {
        String text = RuntimeInfo.parseRuntimeFile(fixture("runtime-jpserver-11940.json")).toString();
        assertFalse(text.contains("fixture0"), text);
        assertTrue(text.contains("18888"), text);
    }

    @Test
    void serverListOneObjectPerLine() throws IOException {
        List<RuntimeInfo> servers = RuntimeInfo.parseServerList(fixture("server-list-json-2-servers-one-with-base_url.jsonl"));
        assertEquals(2, servers.size());
        assertEquals("/jupyter/", servers.get(0).baseUrl());
        assertEquals(18889, servers.get(0).port());
        assertEquals("http://127.0.0.1:18888/", servers.get(1).url());
        assertEquals(1, RuntimeInfo.parseServerList(fixture("server-list-json-1-server.jsonl")).size());
    }

    @Test
    void serverListAsJsonArray() throws IOException {
        List<RuntimeInfo> servers = RuntimeInfo.parseServerList(fixture("server-list-jsonlist-2-servers.json"));
        assertEquals(2, servers.size());
        assertTrue(servers.stream().anyMatch(s -> s.port() == 18888));
    }

    @Test
    void noServersIsEmptyOutput() throws IOException {
        assertEquals(List.of(), RuntimeInfo.parseServerList(fixture("server-list-json-no-servers-EMPTY.txt")));
    }

    @Test
    void loggerPrefixOfServer25IsStrippedAndClassicNotebookDirRead() throws IOException {
        String line = fixture("server-list-json-1-server.jsonl").strip();
        List<RuntimeInfo> servers = RuntimeInfo.parseServerList("[JupyterServerListApp] " + line + "\n");
        assertEquals(18888, servers.get(0).port());
        RuntimeInfo classic = RuntimeInfo.parseServerList(
                fixture("notebook-list-json-classic-nbserver-empty-token-custom-base_url-UNVERIFIED-REPO.jsonl")).get(0);
        assertEquals("/home/y2b", classic.rootDir());
        assertEquals("", classic.token());
        assertEquals(null, classic.version());
    }
}
