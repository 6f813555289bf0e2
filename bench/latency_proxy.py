"""A server far away, for bench/far_server_bench.sh: forwards TCP connections on 127.0.0.1:PORT to
a PostgreSQL unix socket, delivering every chunk in each direction DELAY_MS later (order kept).
    python3 bench/latency_proxy.py DELAY_MS PORT SOCKET_PATH
"""
import asyncio
import sys
import time

delay = float(sys.argv[1]) / 1000.0
port = int(sys.argv[2])
socket_path = sys.argv[3]


async def forward(reader, writer):
    queue = asyncio.Queue()

    async def deliver():
        while True:
            due, data = await queue.get()
            if data is None:
                writer.close()
                return
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()

    delivering = asyncio.create_task(deliver())
    while True:
        data = await reader.read(65536)
        await queue.put((time.monotonic() + delay, data or None))
        if not data:
            break
    await delivering


async def connect(client_reader, client_writer):
    server_reader, server_writer = await asyncio.open_unix_connection(socket_path)
    await asyncio.gather(forward(client_reader, server_writer), forward(server_reader, client_writer), return_exceptions=True)


async def main():
    server = await asyncio.start_server(connect, "127.0.0.1", port)
    async with server:
        await server.serve_forever()


asyncio.run(main())
