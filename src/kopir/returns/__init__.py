"""The return to work: the plan and the support around it, and the checks made at the return."""
