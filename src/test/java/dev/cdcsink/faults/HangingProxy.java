package dev.cdcsink.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy between an instance and the database that can cut the connections without closing
 * them, as a firewall or NAT that forgets a flow does: {@link #hang()} makes every open connection
 * stop carrying bytes in both directions while both ends keep their sockets (no FIN, no RST), so a
 * query in flight waits for an answer that never comes. Connections opened later work.
 */
final class HangingProxy implements AutoCloseable {

    /** One proxied connection: bytes flow while it is not frozen. */
    private static final class Link {
        final Socket client;
        final Socket server;
        volatile boolean frozen;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }
    }

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();

    HangingProxy(int targetPort) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        daemon("proxy-accept", this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Freezes every open connection for good; returns how many. */
    int hang() {
        int frozen = 0;
        for (Link link : links) {
            if (!link.frozen) {
                link.frozen = true;
                frozen++;
            }
        }
        return frozen;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server;
                try {
                    server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException e) {
                    // the database is down: refuse as it would
                    client.close();
                    continue;
                }
                Link link = new Link(client, server);
                links.add(link);
                pump(link, client, server);
                pump(link, server, client);
            } catch (IOException e) {
                // the listener was closed
            }
        }
    }

    private void pump(Link link, Socket from, Socket to) {
        daemon("proxy-pump", () -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0 && !link.frozen) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one end closed: close the other below
            }
            // a frozen link's sockets stay open until the proxy closes: the other end hears nothing
            closeUnlessFrozen(link);
        });
    }

    private void closeUnlessFrozen(Link link) {
        if (link.frozen) {
            return;
        }
        try {
            link.client.close();
            link.server.close();
        } catch (IOException e) {
            // already closed
        }
        links.remove(link);
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Link link : links) {
            link.client.close();
            link.server.close();
        }
    }
}
