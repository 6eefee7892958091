"""Loading data files (plans, external layers) with errors that point at file:line."""

from drillsim.loading.errors import DataFileError, Issue
from drillsim.loading.file_kinds import LOADERS, register_loader, validate_file
from drillsim.loading.plans import LoadedPlan, load_layer, load_plan
from drillsim.loading.validation.validate import load_yaml_model
from drillsim.loading.yaml_source import YamlDocument, parse_yaml, read_yaml

__all__ = [
    "DataFileError",
    "Issue",
    "LOADERS",
    "LoadedPlan",
    "YamlDocument",
    "load_layer",
    "load_plan",
    "load_yaml_model",
    "parse_yaml",
    "read_yaml",
    "register_loader",
    "validate_file",
]
