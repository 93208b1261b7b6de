#!/usr/bin/python3
"""Execute one notebook through Jupyter's own client (nbclient) and the kernelspec its metadata names.

    execute.py NOTEBOOK OUTPUT --cwd FOLDER [--timeout SECONDS]

The notebook is run as it is (parameters already injected by the caller), in FOLDER as the kernel's working
directory, and saved with its outputs to OUTPUT even when a cell fails. Standard output gets one JSON line:
{"kernel": name, "pid": kernel pid, "listening": ["127.0.0.1:port", ...] (every TCP socket the kernel listened on
after its first cell), "connection": [the five ZeroMQ ports], "spec": {"resource_dir", "argv"} of the kernelspec,
"error": null or the first failure}.
Exit status: 0 when every cell ran, 1 when a cell failed, 3 when the kernel died (nbclient's DeadKernelError).
"""
import argparse
import json
import subprocess
import sys

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError


def listening(pid):
    """TCP sockets the process listens on, from ss(8) (iproute2)."""
    out = subprocess.run(["ss", "-Hltnp"], capture_output=True, text=True, check=True).stdout
    return sorted(line.split()[3] for line in out.splitlines() if f"pid={pid}," in line)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("notebook")
    parser.add_argument("output")
    parser.add_argument("--cwd", required=True)
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    client = NotebookClient(nb, timeout=args.timeout, resources={"metadata": {"path": args.cwd}})
    report = {"kernel": nb.metadata.get("kernelspec", {}).get("name"), "pid": None, "listening": [],
              "connection": [], "error": None}

    def after_first_cell(**_):
        if report["pid"] is None:
            report["pid"] = client.km.provisioner.pid
            report["listening"] = listening(report["pid"])
            info = client.km.get_connection_info()
            report["connection"] = sorted(f"{info['ip']}:{info[k]}" for k in
                                          ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"))

    client.on_cell_complete = after_first_cell
    spec = KernelSpecManager().get_kernel_spec(report["kernel"])
    report["spec"] = {"resource_dir": spec.resource_dir, "argv": spec.argv}
    status = 0
    try:
        client.execute()
    except DeadKernelError as e:
        report["error"], status = f"DeadKernelError: {e}", 3
    except CellExecutionError as e:
        report["error"], status = str(e).strip().splitlines()[-1] if str(e).strip() else repr(e), 1
    finally:
        nbformat.write(nb, args.output)
    print(json.dumps(report))
    return status


if __name__ == "__main__":
    sys.exit(main())
