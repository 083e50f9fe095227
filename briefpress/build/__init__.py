"""Build stage: plan the targets, produce them in workers, write them; ``session`` runs the loop.

Called, this package is the public ``briefpress.build(project, selection, out_dir, options, progress)``
(``session.build_project``): it is both the stage's folder and the function that builds, so that
``briefpress.build`` stays the function once the stage's modules are imported.
"""

from __future__ import annotations

import sys
import types


class _Stage(types.ModuleType):
    def __call__(self, *args, **kwargs):
        from briefpress.build.session import build_project

        return build_project(*args, **kwargs)


sys.modules[__name__].__class__ = _Stage
