"""Build backend: setuptools' own (setuptools.build_meta), found offline.

pip builds a package in an isolated environment and would download setuptools into it from
PyPI. On Debian, python3-setuptools is already installed (/usr/lib/python3/dist-packages):
this backend uses that one, so `python3 -m pip install ./analysis` needs no network. Where
it is missing, setuptools is asked for as a build requirement the usual way.
"""
import importlib
import sys

_DEBIAN = "/usr/lib/python3/dist-packages"


def _setuptools():
    try:
        return importlib.import_module("setuptools.build_meta")
    except ImportError:
        pass
    if _DEBIAN not in sys.path:
        sys.path.append(_DEBIAN)
        try:
            return importlib.import_module("setuptools.build_meta")
        except ImportError:
            sys.path.remove(_DEBIAN)
    return None


def _requires():
    return [] if _setuptools() else ["setuptools>=61"]


def get_requires_for_build_wheel(config_settings=None):
    return _requires()


def get_requires_for_build_sdist(config_settings=None):
    return _requires()


def get_requires_for_build_editable(config_settings=None):
    return _requires()


def _call(name, *args, **kwargs):
    b = _setuptools()
    if b is None:
        raise RuntimeError("setuptools is not installed (Debian: apt-get install python3-setuptools)")
    return getattr(b, name)(*args, **kwargs)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _call("build_wheel", wheel_directory, config_settings, metadata_directory)


def build_sdist(sdist_directory, config_settings=None):
    return _call("build_sdist", sdist_directory, config_settings)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    return _call("build_editable", wheel_directory, config_settings, metadata_directory)


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    return _call("prepare_metadata_for_build_wheel", metadata_directory, config_settings)


def prepare_metadata_for_build_editable(metadata_directory, config_settings=None):
    return _call("prepare_metadata_for_build_editable", metadata_directory, config_settings)
