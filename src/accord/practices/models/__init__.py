from .practices import Practice, PracticeAssignment

__all__ = ['Practice', 'PracticeAssignment']
